import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Redirect, Route, Switch } from 'wouter'
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage'
import { ResetPasswordPage } from '../auth/ResetPasswordPage'
import { SignInPage } from '../auth/SignInPage'
import { VerifyEmailBanner } from '../auth/VerifyEmailBanner'
import { VerifyEmailPage } from '../auth/VerifyEmailPage'
import { SignUpPage } from '../auth/SignUpPage'
import { InvitePage } from '../invite/InvitePage'
import { JoinPage } from '../join/JoinPage'
import { PlanListPage } from '../plans/PlanListPage'
import { SessionProvider, useSession } from '../session/SessionContext'
import { Layout } from './Layout'
import { NotFound } from './NotFound'
import { RequireSession } from './RequireSession'

// The workspace (editor, Yjs, Tiptap) is its own chunk: the sign-in page and the plan list
// load without it, which matters on a rural connection.
const PlanWorkspace = lazy(() => import('../workspace/PlanWorkspace'))
// The printable plan (read-only, no editor) is a chunk of its own too.
const PrintPlanPage = lazy(() => import('../exports/PrintPlanPage'))
// The minutes of a hui and the action tracker need no editor either: chunks of their own.
const MinutesPage = lazy(() => import('../hui/MinutesPage'))
const TrackerPage = lazy(() => import('../tracker/TrackerPage'))
// Presentation mode for the projector at a hui: no editor either.
const PresentPage = lazy(() => import('../hui/present/PresentPage'))
// District groups (issue 13 §6): the roll-up and its administration, a chunk for the few who use them.
const DistrictsPage = lazy(() => import('../district/DistrictsPage'))
const RollupPage = lazy(() => import('../district/RollupPage'))
const AdminDistrictsPage = lazy(() => import('../district/AdminDistrictsPage'))
// The person's settings (calendar feed, notifications): a chunk of its own.
const SettingsPage = lazy(() => import('../settings/SettingsPage'))
// What needs you (issue 14): the notifications page.
const NotificationsPage = lazy(() => import('../notifications/NotificationsPage'))

function Home() {
  const { me } = useSession()
  if (me === undefined) return null
  return <Redirect to={me ? '/plans' : '/sign-in'} replace />
}

function Loading() {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status">
      {t('status.loading')}
    </p>
  )
}

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <VerifyEmailBanner />
        <Switch>
          <Route path="/" component={Home} />
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/sign-up" component={SignUpPage} />
          <Route path="/forgot-password" component={ForgotPasswordPage} />
          <Route path="/reset-password" component={ResetPasswordPage} />
          <Route path="/verify-email" component={VerifyEmailPage} />
          <Route path="/invite/:code">{(params) => <InvitePage code={params.code} />}</Route>
          <Route path="/join/:code?">{(params) => <JoinPage code={params.code} />}</Route>
          <Route path="/plans">
            <RequireSession>
              <PlanListPage />
            </RequireSession>
          </Route>
          <Route path="/plans/:planId/print">
            {(params) => (
              <RequireSession>
                <Suspense fallback={<Loading />}>
                  <PrintPlanPage planId={params.planId} />
                </Suspense>
              </RequireSession>
            )}
          </Route>
          <Route path="/plans/:planId/minutes/:snapshotId">
            {(params) => (
              <RequireSession>
                <Suspense fallback={<Loading />}>
                  <MinutesPage planId={params.planId} snapshotId={params.snapshotId} />
                </Suspense>
              </RequireSession>
            )}
          </Route>
          <Route path="/plans/:planId/present">
            {(params) => (
              <RequireSession>
                <Suspense fallback={<Loading />}>
                  <PresentPage planId={params.planId} />
                </Suspense>
              </RequireSession>
            )}
          </Route>
          <Route path="/notifications">
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <NotificationsPage />
              </Suspense>
            </RequireSession>
          </Route>
          <Route path="/settings">
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <SettingsPage />
              </Suspense>
            </RequireSession>
          </Route>
          <Route path="/tracker">
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <TrackerPage />
              </Suspense>
            </RequireSession>
          </Route>
          <Route path="/districts">
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <DistrictsPage />
              </Suspense>
            </RequireSession>
          </Route>
          <Route path="/districts/:groupId">
            {(params) => (
              <RequireSession>
                <Suspense fallback={<Loading />}>
                  <RollupPage groupId={params.groupId} />
                </Suspense>
              </RequireSession>
            )}
          </Route>
          <Route path="/admin/districts">
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <AdminDistrictsPage />
              </Suspense>
            </RequireSession>
          </Route>
          <Route path="/plans/:planId/:step?">
            {(params) => (
              <RequireSession>
                <Suspense fallback={<Loading />}>
                  <PlanWorkspace planId={params.planId} step={params.step} />
                </Suspense>
              </RequireSession>
            )}
          </Route>
          <Route component={NotFound} />
        </Switch>
      </Layout>
    </SessionProvider>
  )
}
