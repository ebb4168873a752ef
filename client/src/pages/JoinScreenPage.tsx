/** The projector's join screen: large code, link and QR code, and the facilitator's doors. */
import { A, useParams } from '@solidjs/router'
import { createResource, type JSX, Show } from 'solid-js'
import { api, appUrl, type WorkshopDetails } from '../api/http.ts'
import { JoiningControls } from '../board/JoiningControls.tsx'
import { messageOf } from '../components/ErrorMessage.tsx'
import { t } from '../i18n/i18n.ts'

export function JoinScreenPage(): JSX.Element {
  const params = useParams<{ id: string }>()
  const [workshop, { refetch }] = createResource(
    () => params.id,
    (id) => api<WorkshopDetails>('GET', `/api/workshops/${id}`),
  )
  return (
    <section class="join-screen">
      <Show
        when={workshop()}
        fallback={<p>{workshop.error ? messageOf(workshop.error) : t('common.loading')}</p>}
      >
        {(w) => (
          <>
            <h1>{w().title}</h1>
            {/* Closed, the wall must not still invite people in. */}
            <Show
              when={w().joining === false}
              fallback={<p class="join-heading">{t('joinScreen.heading')}</p>}
            >
              <p class="join-heading" role="status">
                {t('join.closed')}
              </p>
            </Show>
            <div class="join-grid">
              <img
                class="qr"
                src={appUrl(`/api/workshops/${w().id}/qr.svg?code=${w().joinCode ?? ''}`)}
                alt={t('joinScreen.qrAlt')}
                width="360"
                height="360"
              />
              <div>
                <p>{t('joinScreen.step1')}</p>
                <p class="join-url">{w().joinUrl}</p>
                <p>{t('joinScreen.step2')}</p>
                <p class="join-code">{w().joinCodeDisplay}</p>
              </div>
            </div>
            <A href={`/w/${w().id}`} class="button">
              {t('joinScreen.toBoard')}
            </A>
            <JoiningControls workshop={w()} onChange={() => void refetch()} />
          </>
        )}
      </Show>
    </section>
  )
}
