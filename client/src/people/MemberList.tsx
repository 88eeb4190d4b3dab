import { ROLES, type Member } from '@hononga/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { ConfirmDialog } from './ConfirmDialog'
import { Heading, type HeadingLevel } from './Heading'
import { MemberItem } from './MemberItem'
import { planIsStale, type Message } from './peopleErrors'

/** Facilitators first, then editors, then viewers; by name within each (macrons sort with their letter). */
function sortMembers(members: Member[], locale: string): Member[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' })
  return [...members].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || collator.compare(a.name, b.name))
}

/** Everyone in the plan; facilitators can change and remove members. */
export function MemberList({
  planId,
  members,
  myId,
  canManage,
  headingLevel,
  headingId,
  onDone,
  onFailed,
  onChanged,
}: {
  planId: string
  members: Member[]
  myId: string
  canManage: boolean
  headingLevel: HeadingLevel
  headingId: string
  onDone: (message: Message) => void
  onFailed: (error: unknown) => void
  onChanged: () => void
}) {
  const { i18n } = useTranslation()
  const [editing, setEditing] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Member | null>(null)
  const facilitatorCount = members.filter((member) => member.role === 'facilitator').length

  function handleEditDone(member: Member, saved: boolean) {
    setEditing(null)
    if (saved) {
      onDone({ key: 'people:members.updated', values: { name: member.name } })
      onChanged()
    }
  }

  async function handleRemove() {
    if (!removing) return
    try {
      await api.removeMember(planId, removing.userId)
    } catch (error) {
      if (planIsStale(error)) onChanged()
      throw error // shown in the dialog
    }
    setRemoving(null)
    onDone({ key: 'people:members.removed', values: { name: removing.name } })
    onChanged()
    // The removed person's buttons are gone: keep focus in the list, at its heading.
    document.getElementById(headingId)?.focus()
  }

  return (
    <section className="people-section" aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        <T k="people:members.heading" />
      </Heading>
      <p className="people-count">
        <T k="people:members.count" values={{ count: members.length }} />
      </p>
      <ul className="item-list">
        {sortMembers(members, i18n.language === 'mi' ? 'mi' : 'en-NZ').map((member) => (
          <MemberItem
            key={member.userId}
            planId={planId}
            member={member}
            isMe={member.userId === myId}
            canManage={canManage}
            onlyFacilitator={member.role === 'facilitator' && facilitatorCount <= 1}
            editing={editing === member.userId}
            onEdit={() => setEditing(member.userId)}
            onEditDone={(saved) => handleEditDone(member, saved)}
            onRemove={() => setRemoving(member)}
            onFailed={onFailed}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title={<T k="people:remove.title" values={{ name: removing?.name ?? '' }} />}
        confirmLabel={<T k="people:remove.confirm" />}
        onConfirm={handleRemove}
        onClose={() => setRemoving(null)}
      >
        <p>
          <T k="people:remove.body" />
        </p>
      </ConfirmDialog>
    </section>
  )
}
