import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminDistricts } from '@hononga/shared'
import { api } from '../api/client'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { isNotFound, useErrorMessage } from './errors'
import './district.css'

type Group = AdminDistricts['groups'][number]
type Load = { kind: 'loading' } | { kind: 'ready'; groups: Group[] } | { kind: 'not-found' } | { kind: 'error'; message: string }
/** The last change, said once in a polite live region (or as an error). */
type Outcome = { ok: boolean; text: string } | null

/**
 * `/admin/districts`, for instance administrators (granted by the operator on the server, never
 * over HTTP): create district groups, add a person to one by their account's email, remove one.
 * Everyone else gets the server's 404, shown as "for administrators only".
 */
export default function AdminDistrictsPage() {
  const { t } = useTranslation('district')
  const { t: tc } = useTranslation('common')
  const message = useErrorMessage()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [outcome, setOutcome] = useState<Outcome>(null)
  useDocumentTitle(t('admin.title'))

  const refresh = useCallback(
    () =>
      api.adminDistricts().then(
        (answer) => setLoad({ kind: 'ready', groups: answer.groups }),
        (error: unknown) =>
          setLoad(isNotFound(error) ? { kind: 'not-found' } : { kind: 'error', message: t('loadError', { message: message(error) }) }),
      ),
    [t, message],
  )
  useEffect(() => {
    void refresh()
  }, [refresh])

  /** Runs a change, then reloads the groups and says what happened. */
  const change = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await run()
      setOutcome({ ok: true, text: done })
      await refresh()
      return true
    } catch (error) {
      setOutcome({ ok: false, text: message(error) })
      return false
    }
  }

  if (load.kind === 'not-found') {
    return (
      <section className="page district-page">
        <h1>{t('admin.title')}</h1>
        <Notice kind="error">{t('admin.notFound')}</Notice>
      </section>
    )
  }
  return (
    <section className="page district-page admin-districts" aria-labelledby="admin-districts-title">
      <h1 id="admin-districts-title">{t('admin.title')}</h1>
      <p className="district-intro">{t('admin.intro')}</p>
      <CreateGroupForm onCreate={(name) => change(() => api.createDistrict(name), t('admin.created', { name }))} />
      <div aria-live="polite">{outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.text}</Notice>}</div>
      {load.kind === 'loading' && (
        <p className="loading" role="status">
          {tc('status.loading')}
        </p>
      )}
      {load.kind === 'error' && <Notice kind="error">{load.message}</Notice>}
      {load.kind === 'ready' && load.groups.length === 0 && <p className="empty-note">{t('admin.none')}</p>}
      {load.kind === 'ready' &&
        load.groups.map((group) => (
          <GroupCard
            key={group.id}
            group={group}
            onAdd={(email) => change(() => api.addDistrictMember(group.id, email), t('admin.added', { name: email, group: group.name }))}
            onRemove={(member) =>
              change(() => api.removeDistrictMember(group.id, member.userId), t('admin.removed', { name: member.name, group: group.name }))
            }
          />
        ))}
    </section>
  )
}

function CreateGroupForm({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const { t } = useTranslation('district')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') return
    setBusy(true)
    void onCreate(name.trim()).then((ok) => {
      setBusy(false)
      if (ok) setName('')
    })
  }
  return (
    <form className="card admin-district-create" aria-labelledby="admin-district-create" onSubmit={handleSubmit}>
      <h2 id="admin-district-create">{t('admin.create')}</h2>
      <div className="admin-district-row">
        <TextField label={t('admin.name')} value={name} required maxLength={120} onChange={(event) => setName(event.target.value)} />
        <Button type="submit" variant="primary" disabled={busy}>
          {t('admin.submit')}
        </Button>
      </div>
    </form>
  )
}

function GroupCard({
  group,
  onAdd,
  onRemove,
}: {
  group: Group
  onAdd: (email: string) => Promise<boolean>
  onRemove: (member: Group['members'][number]) => Promise<boolean>
}) {
  const { t } = useTranslation('district')
  const [email, setEmail] = useState('')
  const [busy, setBusy] = useState(false)
  const headingId = `district-group-${group.id}`
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (email.trim() === '') return
    setBusy(true)
    void onAdd(email.trim()).then((ok) => {
      setBusy(false)
      if (ok) setEmail('')
    })
  }
  return (
    <section className="card admin-district-group" aria-labelledby={headingId}>
      <h2 id={headingId}>{group.name}</h2>
      <h3>{t('admin.members')}</h3>
      {group.members.length === 0 ? (
        <p className="empty-note">{t('admin.noMembers')}</p>
      ) : (
        <ul className="admin-district-members">
          {group.members.map((member) => (
            <li key={member.userId}>
              <span>
                <strong>{member.name}</strong> <span className="admin-district-email">{member.email}</span>
              </span>
              <Button
                className="btn-small"
                variant="danger"
                aria-label={t('admin.removeLabel', { name: member.name, group: group.name })}
                onClick={() => void onRemove(member)}
              >
                {t('admin.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="admin-district-row" onSubmit={handleSubmit}>
        <TextField
          label={t('admin.email')}
          hint={t('admin.emailHint')}
          type="email"
          autoComplete="off"
          value={email}
          required
          onChange={(event) => setEmail(event.target.value)}
        />
        <Button type="submit" disabled={busy}>
          {t('admin.add')}
        </Button>
      </form>
    </section>
  )
}
