/** The app shell: header with language switch and account, and the page routes. */
import { A, Route, Router, type RouteSectionProps, useMatch, useNavigate } from '@solidjs/router'
import { type JSX, lazy, Show } from 'solid-js'
import { basePath } from './api/http.ts'
import { deleteDeskCaches } from './board/desk-cache.ts'
import { locale, setLocale, t } from './i18n/i18n.ts'
import { BoardPage } from './pages/BoardPage.tsx'
import { HomePage } from './pages/HomePage.tsx'
import { JoinPage } from './pages/JoinPage.tsx'
import { LoginPage } from './pages/LoginPage.tsx'
import { logout, me } from './session.ts'

// Pages a participant never opens load on demand, so the join page and the board load less.
const AdminPage = lazy(() => import('./pages/AdminPage.tsx').then((m) => ({ default: m.AdminPage })))
const HistoryPage = lazy(() => import('./pages/HistoryPage.tsx').then((m) => ({ default: m.HistoryPage })))
const JoinScreenPage = lazy(() =>
  import('./pages/JoinScreenPage.tsx').then((m) => ({ default: m.JoinScreenPage })),
)
const ProjectorPage = lazy(() =>
  import('./pages/ProjectorPage.tsx').then((m) => ({ default: m.ProjectorPage })),
)
const SetupPage = lazy(() => import('./pages/SetupPage.tsx').then((m) => ({ default: m.SetupPage })))
const WorkshopsPage = lazy(() =>
  import('./pages/WorkshopsPage.tsx').then((m) => ({ default: m.WorkshopsPage })),
)

function Shell(props: RouteSectionProps): JSX.Element {
  const navigate = useNavigate()
  // The projector is the wall: none of the app's own chrome on it (projector.css).
  const onProjector = useMatch(() => '/w/:id/projector')
  return (
    <>
      <a class="skip-link" href="#main" hidden={!!onProjector()}>
        {t('app.skip')}
      </a>
      <header class="app-header" hidden={!!onProjector()}>
        <A href="/" class="brand">
          {t('app.name')}
        </A>
        <nav class="header-actions" aria-label={t('app.language')}>
          <div class="lang-switch">
            <button type="button" aria-pressed={locale() === 'de'} onClick={() => setLocale('de')} lang="de">
              DE
            </button>
            <button type="button" aria-pressed={locale() === 'en'} onClick={() => setLocale('en')} lang="en">
              EN
            </button>
          </div>
          <Show when={me()}>
            {(current) => (
              <>
                {(() => {
                  const m = current()
                  const name = m.kind === 'user' ? m.user.username : m.guest.name
                  // Cut short on a phone; the whole name on hover.
                  return (
                    <span class="who" title={name}>
                      {name}
                    </span>
                  )
                })()}
                <button
                  type="button"
                  class="link-button"
                  onClick={async () => {
                    // A guest logs out of this tab alone (another guest of a shared tablet stays
                    // logged in in theirs): that guest's desk copies go. An account's logout
                    // leaves no desk's copy behind for the next person.
                    const m = current()
                    const guestId = m.kind === 'guest' ? m.guest.id : null
                    await deleteDeskCaches(guestId ? (name) => name.endsWith(`-${guestId}`) : undefined)
                    await logout()
                    navigate('/login')
                  }}
                >
                  {t('app.logout')}
                </button>
              </>
            )}
          </Show>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  )
}

export function App(): JSX.Element {
  return (
    <Router root={Shell} base={basePath()}>
      <Route path="/" component={HomePage} />
      <Route path="/setup" component={SetupPage} />
      <Route path="/login" component={LoginPage} />
      <Route path="/workshops" component={WorkshopsPage} />
      <Route path="/admin" component={AdminPage} />
      <Route path="/workshops/:id/join-screen" component={JoinScreenPage} />
      <Route path="/join/:code?" component={JoinPage} />
      <Route path="/w/:id" component={BoardPage} />
      <Route path="/w/:id/projector" component={ProjectorPage} />
      <Route path="/w/:id/history/:sid" component={HistoryPage} />
    </Router>
  )
}
