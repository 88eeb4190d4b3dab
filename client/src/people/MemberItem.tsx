import type { Member } from '@hononga/shared'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { T } from '../i18n/T'
import { AffiliationBadge, RoleBadge } from '../ui/Badge'
import { Button } from '../ui/Button'
import { MemberEditForm } from './MemberEditForm'

/**
 * One member: name, role, affiliation and organisation. Facilitators also get "Change"
 * (role, affiliation, organisation) and "Remove"; nobody else sees those controls at all.
 */
export function MemberItem({
  planId,
  member,
  isMe,
  canManage,
  onlyFacilitator,
  editing,
  onEdit,
  onEditDone,
  onRemove,
  onFailed,
}: {
  planId: string
  member: Member
  isMe: boolean
  canManage: boolean
  onlyFacilitator: boolean
  editing: boolean
  onEdit: () => void
  onEditDone: (saved: boolean) => void
  onRemove: () => void
  onFailed: (error: unknown) => void
}) {
  const { t } = useTranslation('people')
  const changeRef = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(editing)

  // Back to "Change" when the form closes, so keyboard users keep their place.
  useEffect(() => {
    if (wasEditing.current && !editing) changeRef.current?.focus()
    wasEditing.current = editing
  }, [editing])

  return (
    <li className={isMe ? 'member-item member-me' : 'member-item'}>
      <div className="member-main">
        <p className="member-name">
          <strong>{member.name}</strong>
          {isMe && (
            <>
              {' '}
              <T k="people:members.you" />
            </>
          )}
        </p>
        {canManage && <p className="member-email">{member.email}</p>}
        <p className="member-badges">
          <RoleBadge role={member.role} /> <AffiliationBadge affiliation={member.affiliation} organisation={member.organisation} />
          {member.speaksFor === false && (
            <>
              {' '}
              <span className="member-observer">
                <T k="people:members.observerBadge" />
              </span>
            </>
          )}
        </p>
      </div>
      {canManage && !editing && (
        <div className="item-actions">
          {/* A plain <button>: focus returns to it by ref when the form closes. */}
          <button
            ref={changeRef}
            type="button"
            className="btn btn-secondary btn-small"
            aria-label={t('members.changeLabel', { name: member.name })}
            onClick={onEdit}
          >
            <T k="people:members.change" />
          </button>
          {!isMe && !onlyFacilitator && (
            <Button className="btn-small" aria-label={t('members.removeLabel', { name: member.name })} onClick={onRemove}>
              <T k="people:members.remove" />
            </Button>
          )}
        </div>
      )}
      {canManage && editing && (
        <MemberEditForm
          planId={planId}
          member={member}
          isMe={isMe}
          onlyFacilitator={onlyFacilitator}
          onSaved={() => onEditDone(true)}
          onFailed={onFailed}
          onCancel={() => onEditDone(false)}
        />
      )}
    </li>
  )
}
