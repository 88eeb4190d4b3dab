import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { useSession } from '../session/SessionContext'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { useDistrictList } from './DistrictNavLink'
import { useErrorMessage } from './errors'
import './district.css'

/**
 * `/districts`: the district groups I am in, each opening its roll-up, and for an
 * administrator the way to manage the groups. Nothing here names a plan: the roll-up does.
 */
export default function DistrictsPage() {
  const { t } = useTranslation('district')
  const { t: tc } = useTranslation('common')
  const { me } = useSession()
  const state = useDistrictList(me?.id ?? null)
  const message = useErrorMessage()
  useDocumentTitle(t('list.title'))
  return (
    <section className="page district-page" aria-labelledby="district-title">
      <div className="district-head">
        <h1 id="district-title">{t('list.title')}</h1>
        {state.kind === 'ready' && state.list.admin && <Link href="/admin/districts">{t('list.admin')}</Link>}
      </div>
      <p className="district-intro">{t('list.intro')}</p>
      {state.kind === 'loading' && (
        <p className="loading" role="status">
          {tc('status.loading')}
        </p>
      )}
      {state.kind === 'error' && <Notice kind="error">{t('loadError', { message: message(state.error) })}</Notice>}
      {state.kind === 'ready' &&
        (state.list.groups.length === 0 ? (
          <p className="empty-note">{t('list.none')}</p>
        ) : (
          <ul className="district-groups" aria-label={t('list.groupsLabel')}>
            {state.list.groups.map((group) => (
              <li key={group.id} className="card district-group">
                <Link href={`/districts/${encodeURIComponent(group.id)}`} className="district-group-name">
                  {group.name}
                </Link>
                <span className="district-group-count">{t('list.members', { count: group.memberCount })}</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
