import { Hono, type Context } from 'hono'
import {
  AddDistrictMemberBody,
  AnswerRaisedBody,
  CreateDistrictBody,
  RollupQuery,
  toPlanJson,
  type AdminDistricts,
  type DistrictList,
  type DistrictMember,
  type DistrictRollup,
  type RaisedItem,
  type RollupPlan,
} from '@hononga/shared'
import type { AppDeps, AppEnv, SessionUser } from '../app-env'
import { requireUser } from '../auth/access'
import { raiseSubject, SHARE_SUBJECT } from '../db/districts'
import { isWellFormedId, newId } from '../db/ids'
import { notFound } from '../errors'
import { recordAccessQuietly } from './access-log'
import { readJsonBody, readQuery } from './body'
import { rollupPlan } from './district-rollup'
import { consentState, inEffect, toRaisedItem } from './plan-district'
import { aucklandDate } from './tracker-select'

/**
 * District groups (issue 13 §6): what a group's members see (the roll-up of the plans whose every
 * partner consents to share their summary), their answers to raised items, and the instance
 * administrators' management of groups. Outsiders, administrators included, get 404 on every
 * district route; no route grants administration (`pnpm admin grant`, server/src/admin-main.ts).
 */

const NO_GROUP = 'No such district group, or you are not a member of it'

export function districtRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { repos } = deps

  /** The group, when the caller is a member of it; 404 otherwise (admins too). */
  const requireGroupMember = async (c: Context<AppEnv>) => {
    const user = requireUser(c)
    const groupId = c.req.param('groupId')
    const group = isWellFormedId(groupId) ? await repos.districts.findDistrictGroup(groupId) : null
    if (!group || !(await repos.districts.isDistrictMember(group.id, user.id))) throw notFound(NO_GROUP)
    return { user, group }
  }

  /** The caller, when an instance administrator; 404 otherwise (the admin routes do not exist for others). */
  const requireAdmin = async (c: Context<AppEnv>): Promise<SessionUser> => {
    const user = requireUser(c)
    if (!(await repos.districts.isInstanceAdmin(user.id))) throw notFound('Not found')
    return user
  }

  app.get('/api/districts', async (c) => {
    const user = requireUser(c)
    const admin = await repos.districts.isInstanceAdmin(user.id)
    const groups = await repos.districts.listDistrictGroups(admin ? null : user.id)
    return c.json({ admin, groups } satisfies DistrictList)
  })

  app.get('/api/districts/:groupId/rollup', async (c) => {
    const { user, group } = await requireGroupMember(c)
    const query = readQuery(c, RollupQuery)
    const today = aucklandDate(deps.now())
    const plans: RollupPlan[] = []
    for (const shared of await repos.districts.listSharedPlans(group.id)) {
      const state = await consentState(repos, shared.planId)
      // Read at each request: a consent withdrawn a moment ago hides the plan now.
      if (!inEffect(state, SHARE_SUBJECT)) continue
      const raised = (await repos.districts.listRaisedItems(shared.planId))
        .filter((row) => row.groupId === group.id && inEffect(state, raiseSubject(row.id)))
        .map(toRaisedItem)
      const plan = await deps.collab.readPlan(shared.planId, toPlanJson)
      const part = rollupPlan(shared, plan, raised, query, today)
      if (!part) continue
      plans.push(part)
      // The viewer as the plan's access log shows them: their membership when they have one, else the group.
      const membership = await repos.members.findMembership(shared.planId, user.id)
      const viewer = membership ?? { planId: shared.planId, userId: user.id, affiliation: 'community' as const, organisation: group.name }
      await recordAccessQuietly(deps, viewer, 'district.viewed', { groupId: group.id })
    }
    return c.json({ group, today, plans } satisfies DistrictRollup)
  })

  app.post('/api/districts/:groupId/raised/:raisedId/answer', async (c) => {
    const { user, group } = await requireGroupMember(c)
    const raisedId = c.req.param('raisedId')
    const row = isWellFormedId(raisedId) ? await repos.districts.findRaisedItem(raisedId) : null
    const share = row && (await repos.districts.findDistrictShare(row.planId))
    const state = row && (await consentState(repos, row.planId))
    // The district answers only what it can see now.
    const visible =
      row !== null &&
      row.groupId === group.id &&
      share?.groupId === group.id &&
      state !== null &&
      inEffect(state, SHARE_SUBJECT) &&
      inEffect(state, raiseSubject(row.id))
    if (!visible) throw notFound('No such raised item in this district group')
    const body = await readJsonBody(c, AnswerRaisedBody)
    const at = deps.now()
    await repos.transaction(async (tx) => {
      await tx.districts.answerRaisedItem({ id: row.id, answer: body.answer, status: body.status, answeredBy: user.id, answeredAt: at })
      await tx.audit.recordAudit({
        planId: row.planId,
        actorId: user.id,
        event: 'district.answered',
        details: { raisedId: row.id, groupId: group.id, status: body.status },
        at,
      })
    })
    const answered = await repos.districts.findRaisedItem(row.id)
    if (!answered) throw notFound('No such raised item in this district group')
    return c.json(toRaisedItem(answered) satisfies RaisedItem)
  })

  app.get('/api/admin/districts', async (c) => {
    await requireAdmin(c)
    const [groups, members] = await Promise.all([repos.districts.listDistrictGroups(null), repos.districts.listDistrictMembers(null)])
    const response: AdminDistricts = {
      groups: groups.map((group) => ({
        id: group.id,
        name: group.name,
        members: members.filter((m) => m.groupId === group.id).map(({ userId, name, email }) => ({ userId, name, email })),
      })),
    }
    return c.json(response)
  })

  app.post('/api/admin/districts', async (c) => {
    const admin = await requireAdmin(c)
    const { name } = await readJsonBody(c, CreateDistrictBody)
    const id = newId()
    await repos.districts.insertDistrictGroup({ id, name, createdBy: admin.id, createdAt: deps.now() })
    // Groups belong to no plan, so no plan's audit log: the server's log keeps the record.
    deps.log.info({ event: 'district.group.created', groupId: id, name, userId: admin.id }, 'district group created')
    return c.json({ id, name }, 201)
  })

  app.post('/api/admin/districts/:groupId/members', async (c) => {
    const admin = await requireAdmin(c)
    const groupId = c.req.param('groupId')
    const group = isWellFormedId(groupId) ? await repos.districts.findDistrictGroup(groupId) : null
    if (!group) throw notFound('No such district group')
    const { email } = await readJsonBody(c, AddDistrictMemberBody)
    const person = await repos.users.findUserByEmail(email.toLowerCase())
    if (!person) throw notFound('No account has that email; they must register first')
    if (await repos.districts.addDistrictMember({ groupId: group.id, userId: person.id, addedBy: admin.id, addedAt: deps.now() })) {
      deps.log.info({ event: 'district.member.added', groupId: group.id, memberId: person.id, userId: admin.id }, 'district member added')
    }
    return c.json({ userId: person.id, name: person.name, email: person.email } satisfies DistrictMember, 201)
  })

  app.delete('/api/admin/districts/:groupId/members/:userId', async (c) => {
    const admin = await requireAdmin(c)
    const groupId = c.req.param('groupId')
    const userId = c.req.param('userId')
    const removed = isWellFormedId(groupId) && isWellFormedId(userId) && (await repos.districts.removeDistrictMember(groupId, userId))
    if (!removed) throw notFound('No such member of this district group')
    deps.log.info({ event: 'district.member.removed', groupId, memberId: userId, userId: admin.id }, 'district member removed')
    return c.body(null, 204)
  })

  return app
}
