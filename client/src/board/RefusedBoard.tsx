/**
 * A board URL this visitor may not open, in words: not logged in (also a guest whose session
 * ended, as closing a workshop ends them), logged in as a guest of another workshop, or a
 * workshop that does not exist or that they do not take part in. The server answers those last
 * two alike on purpose (a stranger learns nothing about which workshops exist), so the page
 * does too. Each case offers the way in: the join page, and the login for accounts.
 */
import { A } from '@solidjs/router'
import { type JSX, Show } from 'solid-js'
import { ApiError } from '../api/http.ts'
import { t } from '../i18n/i18n.ts'
import { me } from '../session.ts'
import './refused-board.css'

type Why = 'loggedOut' | 'otherWorkshop' | 'notMember' | 'failed'

function whyOf(error: unknown, workshopId: string): Why {
  if (!(error instanceof ApiError)) return 'failed'
  if (error.status === 401) return 'loggedOut'
  if (error.status === 404 || error.status === 403) {
    const current = me()
    if (current?.kind === 'guest' && current.guest.workshopId !== workshopId) return 'otherWorkshop'
    return 'notMember'
  }
  return 'failed'
}

export function RefusedBoard(props: {
  error: unknown
  workshopId: string
  onRetry: () => void
}): JSX.Element {
  const why = () => whyOf(props.error, props.workshopId)
  const guestName = () => {
    const current = me()
    return current?.kind === 'guest' ? current.guest.name : ''
  }
  return (
    <section class="page refused-board" aria-labelledby="refused-title">
      <h1 id="refused-title">{t('refusedBoard.title')}</h1>
      <p role="alert">
        {why() === 'failed'
          ? t('refusedBoard.failed', { message: String((props.error as Error | null)?.message ?? '') })
          : why() === 'otherWorkshop'
            ? t('refusedBoard.otherWorkshop', { name: guestName() })
            : t(`refusedBoard.${why() as 'loggedOut' | 'notMember'}`)}
      </p>
      <ul class="refused-ways">
        <li>
          <A class="button primary" href="/join">
            {t('refusedBoard.joinLink')}
          </A>
        </li>
        <Show when={me()?.kind !== 'user'}>
          <li>
            <A class="button" href="/login">
              {t('refusedBoard.loginLink')}
            </A>
          </li>
        </Show>
        <Show when={me()?.kind === 'user'}>
          <li>
            <A class="button" href="/workshops">
              {t('refusedBoard.workshopsLink')}
            </A>
          </li>
        </Show>
        <Show when={why() === 'failed'}>
          <li>
            <button type="button" onClick={() => props.onRetry()}>
              {t('refusedBoard.retry')}
            </button>
          </li>
        </Show>
      </ul>
    </section>
  )
}
