/**
 * The shared HTTP contract (shared/api/contract.ts) against the real answers: every JSON endpoint
 * is called through `app.request()` and each answer's fields are compared with its shared type's
 * fields. The field lists are `Record<keyof T, true>`, so the compiler keeps them complete; an
 * answer with a field the contract does not know, or without one it promises, fails here. The
 * `@ts-expect-error` lines check at compile time that a body schema cannot drift from its type.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { bodySchema } from '../../server/http/body-schema.ts'
import type {
  ErrorBody,
  Guest,
  HeldCounts,
  HideResponse,
  JoinCodeResponse,
  JoinInfo,
  JoinRequest,
  JoinResponse,
  MyBallot,
  MyVoteResponse,
  NewSnapshotResponse,
  NewUserResponse,
  NewWorkshopResponse,
  ParticipantRow,
  PasswordChangeResponse,
  PendingResponse,
  PhaseResponse,
  RevealResponse,
  RoleChangeResponse,
  SessionResponse,
  SetupStatus,
  SnapshotInfo,
  TimeResponse,
  TimerResponse,
  User,
  VoteCount,
  VoteRevealResponse,
  WorkshopDetails,
  WorkshopDoors,
  WorkshopMe,
  WorkshopSummary,
} from '../../shared/api/contract.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { applyPhase } from '../../shared/board/facilitation.ts'
import { OPEN_RULES, readScript } from '../../shared/script/script-schema.ts'
import type { VoteResults } from '../../shared/votes/results.ts'
import { createTestApp } from '../support/test-app.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const PASSWORD = 'richtig-langes-passwort'

/** The field names of a contract type, complete by construction. */
const fields =
  <T>() =>
  (names: Record<keyof T, true>): string[] =>
    Object.keys(names).sort()

function expectFields(value: unknown, names: string[]) {
  expect(value).toBeTypeOf('object')
  expect(Object.keys(value as object).sort()).toEqual(names)
}

const USER = fields<User>()({ id: true, username: true, role: true, isAdmin: true })
const SESSION = fields<SessionResponse>()({ user: true, token: true })
const ERROR = fields<ErrorBody>()({ error: true })

describe('the shared HTTP contract', () => {
  it('matches the answers of accounts, workshops, joining and participants', async () => {
    const setupStatus = await t.request('GET', '/api/setup')
    expectFields(setupStatus.json, fields<SetupStatus>()({ needed: true, codeRequired: true }))

    const setup = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    expect(setup.status).toBe(201)
    expectFields(setup.json, SESSION)
    expectFields(setup.json.user, USER)
    const token = setup.json.token as string

    const me = await t.request('GET', '/api/me', { token })
    expectFields(me.json, ['kind', 'user'])
    expectFields(me.json.user, USER)

    const newUser = await t.request('POST', '/api/users', {
      token,
      body: { username: 'rat', password: PASSWORD, role: 'councillor' },
    })
    expectFields(newUser.json, fields<NewUserResponse>()({ user: true }))
    expectFields(newUser.json.user, USER)

    const login = await t.request('POST', '/api/login', { body: { username: 'rat', password: PASSWORD } })
    expectFields(login.json, SESSION)

    const created = await t.request('POST', '/api/workshops', {
      token,
      body: { title: 'Digitale Kommune', template: 'brainstorm', lang: 'de' },
    })
    expect(created.status).toBe(201)
    expectFields(created.json, fields<NewWorkshopResponse>()({ id: true, joinCode: true }))
    const id = created.json.id as string

    const list = await t.request('GET', '/api/workshops', { token })
    expectFields(list.json, ['workshops'])
    expectFields(
      list.json.workshops[0],
      fields<WorkshopSummary>()({
        id: true,
        title: true,
        createdAt: true,
        facilitating: true,
        joinCode: true,
      }),
    )

    const details = await t.request('GET', `/api/workshops/${id}`, { token })
    expectFields(
      details.json,
      fields<WorkshopDetails>()({
        id: true,
        title: true,
        template: true,
        createdAt: true,
        joining: true,
        closedAt: true,
        joinCode: true,
        joinCodeDisplay: true,
        joinUrl: true,
        guestCap: true,
        effectiveGuestCap: true,
        guests: true,
        me: true,
      }),
    )
    const ME = fields<WorkshopMe>()({ participantId: true, name: true, role: true, isFacilitator: true })
    expectFields(details.json.me, ME)

    const doors = await t.request('PATCH', `/api/workshops/${id}`, { token, body: { joining: true } })
    expectFields(
      doors.json,
      fields<WorkshopDoors>()({ joining: true, guestCap: true, effectiveGuestCap: true, guests: true }),
    )

    const renewed = await t.request('POST', `/api/workshops/${id}/join-code`, { token })
    expectFields(
      renewed.json,
      fields<JoinCodeResponse>()({ joinCode: true, joinCodeDisplay: true, joinUrl: true }),
    )
    const code = renewed.json.joinCode as string

    const info = await t.request('GET', `/api/join/${code}`)
    expectFields(info.json, fields<JoinInfo>()({ title: true, joining: true }))

    const joined = await t.request('POST', '/api/join', { body: { code, name: 'Anna' } })
    expectFields(
      joined.json,
      fields<JoinResponse>()({ workshopId: true, participantId: true, role: true, token: true }),
    )
    const guest = joined.json.token as string
    // An account joining gets no token (the field is optional in the contract).
    const accountJoin = await t.request('POST', '/api/join', {
      token: login.json.token,
      body: { code, name: 'Rat' },
    })
    expectFields(accountJoin.json, ['participantId', 'role', 'workshopId'])

    const guestMe = await t.request('GET', '/api/me', { token: guest })
    expectFields(guestMe.json, ['guest', 'kind'])
    expectFields(guestMe.json.guest, fields<Guest>()({ id: true, workshopId: true, name: true, role: true }))
    const guestDetails = await t.request('GET', `/api/workshops/${id}`, { token: guest })
    expectFields(guestDetails.json, ['closedAt', 'createdAt', 'id', 'joining', 'me', 'template', 'title'])
    expectFields(guestDetails.json.me, ME)

    const participants = await t.request('GET', `/api/workshops/${id}/participants`, { token })
    expectFields(participants.json, ['participants'])
    for (const row of participants.json.participants)
      expectFields(
        row,
        fields<ParticipantRow>()({
          id: true,
          name: true,
          role: true,
          account: true,
          owner: true,
          removed: true,
          connections: true,
        }),
      )
    const role = await t.request('PATCH', `/api/workshops/${id}/participants/${joined.json.participantId}`, {
      token,
      body: { role: 'observer' },
    })
    expectFields(role.json, fields<RoleChangeResponse>()({ id: true, role: true }))

    const password = await t.request('POST', '/api/password', {
      token: login.json.token,
      body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-neu` },
    })
    expectFields(password.json, fields<PasswordChangeResponse>()({ token: true }))

    const refused = await t.request('POST', '/api/join', { body: { code: 'XXXX-XXXX', name: 'Eve' } })
    expect(refused.status).toBe(404)
    expectFields(refused.json, ERROR)
    expectFields(refused.json.error, ['code', 'message'])
  })

  it('matches the answers of running a workshop: phases, timer, cards, votes, snapshots', async () => {
    const setup = await t.request('POST', '/api/setup', {
      body: { username: 'moderation', password: PASSWORD },
    })
    const token = setup.json.token as string
    const created = await t.request('POST', '/api/workshops', {
      token,
      body: { title: 'Kommune', template: 'brainstorm' },
    })
    const { id, joinCode } = created.json as { id: string; joinCode: string }
    const nextPhase = await t.deps.sync.readBoard(id, (board) => readScript(board)[1]?.id ?? '')
    const joined = await t.request('POST', '/api/join', { body: { code: joinCode, name: 'Anna' } })
    const guest = joined.json.token as string

    const time = await t.request('GET', '/api/time')
    expectFields(time.json, fields<TimeResponse>()({ now: true }))
    const held = await t.request('GET', `/api/workshops/${id}/private`, { token })
    expectFields(held.json, fields<HeldCounts>()({ count: true, waiting: true }))
    const reveal = await t.request('POST', `/api/workshops/${id}/reveal`, { token })
    expectFields(reveal.json, fields<RevealResponse>()({ revealed: true }))
    const pending = await t.request('GET', `/api/workshops/${id}/pending`, { token })
    expectFields(pending.json, fields<PendingResponse>()({ pending: true }))

    await t.deps.sync.changeBoard(id, (board) => {
      applyPhase(board, {
        id: 'wahl',
        name: 'Priorisieren',
        prompt: '',
        minutes: 5,
        rules: { ...OPEN_RULES, vote: { method: 'dots', budget: 5, cap: 3 } },
      })
      addCard(board, 'bus', { text: 'Bus', x: 0, y: 0, color: 'yellow' })
      addCard(board, 'laut', { text: 'Laut', x: 0, y: 0, color: 'pink' })
    })
    const timer = await t.request('POST', `/api/workshops/${id}/timer`, {
      token,
      body: { action: 'start', seconds: 60 },
    })
    expectFields(timer.json, fields<TimerResponse>()({ timer: true, now: true }))

    const mine = await t.request('GET', `/api/workshops/${id}/votes/mine`, { token: guest })
    expectFields(mine.json, fields<MyVoteResponse>()({ vote: true }))
    const BALLOT = fields<MyBallot>()({
      phaseId: true,
      rule: true,
      allocations: true,
      used: true,
      remaining: true,
      revealed: true,
    })
    expectFields(mine.json.vote, BALLOT)
    const cast = await t.request('POST', `/api/workshops/${id}/votes`, {
      token: guest,
      body: { cardId: 'bus', points: 2 },
    })
    expectFields(cast.json, ['allocations', 'remaining', 'used'])
    const count = await t.request('GET', `/api/workshops/${id}/votes/count`, { token })
    expectFields(count.json, fields<VoteCount>()({ voters: true, eligible: true }))
    const results = await t.request('POST', `/api/workshops/${id}/votes/reveal`, { token })
    expectFields(results.json, fields<VoteRevealResponse>()({ results: true }))
    expectFields(
      results.json.results,
      fields<VoteResults>()({
        phaseId: true,
        method: true,
        minGroupSize: true,
        tooFewVoters: true,
        voters: true,
        hiddenGroups: true,
        cards: true,
        disagreements: true,
        revealedAt: true,
        paper: true,
      }),
    )
    const closed = await t.request('POST', `/api/workshops/${id}/votes`, {
      token: guest,
      body: { cardId: 'bus', points: 1 },
    })
    expect(closed.status).toBe(409)
    expect(closed.json.error.code).toBe('revealed')

    const hide = await t.request('POST', `/api/workshops/${id}/cards/laut/hide`, {
      token,
      body: { reason: 'beleidigend' },
    })
    expectFields(hide.json, fields<HideResponse>()({ cardId: true, reason: true }))
    const again = await t.request('POST', `/api/workshops/${id}/cards/laut/hide`, {
      token,
      body: { reason: 'beleidigend' },
    })
    expect(again.status).toBe(400)
    expect(again.json.error.code).toBe('already-hidden')

    const snapshot = await t.request('POST', `/api/workshops/${id}/snapshots`, {
      token,
      body: { label: 'Stand' },
    })
    expectFields(snapshot.json, fields<NewSnapshotResponse>()({ id: true, label: true, createdAt: true }))
    const snapshots = await t.request('GET', `/api/workshops/${id}/snapshots`, { token })
    expectFields(snapshots.json, ['snapshots'])
    expectFields(
      snapshots.json.snapshots[0],
      fields<SnapshotInfo>()({
        id: true,
        workshopId: true,
        label: true,
        phase: true,
        phaseName: true,
        createdBy: true,
        createdAt: true,
      }),
    )

    const phase = await t.request('POST', `/api/workshops/${id}/phase`, {
      token,
      body: { phaseId: nextPhase },
    })
    expect(phase.status).toBe(200)
    expectFields(phase.json, fields<PhaseResponse>()({ phaseId: true }))
  })

  it('keeps a body schema and its shared request type in step (checked by the compiler)', () => {
    const name = z.string().trim().min(1)
    const role = z.enum(['citizen', 'observer']).optional()
    const exact = bodySchema<JoinRequest>()(z.object({ code: z.string(), name, role }).strict())
    const missing = z.object({ code: z.string(), name }).strict()
    const extra = z.object({ code: z.string(), name, role, extra: z.string().optional() }).strict()
    const wider = z.object({ code: z.string(), name, role: z.enum(['citizen', 'staff']).optional() }).strict()
    const otherType = z.object({ code: z.number(), name, role }).strict()
    // @ts-expect-error a field of the shared type is missing from the schema
    bodySchema<JoinRequest>()(missing)
    // @ts-expect-error the schema knows a field the shared type does not
    bodySchema<JoinRequest>()(extra)
    // @ts-expect-error the schema accepts a role the shared type does not name
    bodySchema<JoinRequest>()(wider)
    // @ts-expect-error a field's type differs
    bodySchema<JoinRequest>()(otherType)
    expect(exact.parse({ code: 'ABCD2345', name: ' Anna ' })).toEqual({ code: 'ABCD2345', name: 'Anna' })
  })
})
