/**
 * Photos of paper cards: the assistant who entered a card (or a facilitator) uploads a photo; the
 * server turns it upright, shrinks it to 1600 px, stores a JPEG without metadata and writes its
 * version into the card's `photo` field; members read it; the minutes embed a thumbnail (HTML),
 * note it (Markdown) or flag it (JSON). Everyone else is refused, and so are bodies over 8 MiB,
 * other content types and bytes that are no image. The app's 64 KiB limit still holds elsewhere.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { PhotoUploadResponse } from '../../shared/api/contract.ts'
import { addCard } from '../../shared/board/card-ops.ts'
import { readCards } from '../../shared/board/schema.ts'
import { call, joinAsGuest } from '../support/api.ts'
import { useSyncHarness } from '../support/harness.ts'
import { waitFor, waitSynced } from '../support/sync-client.ts'

const h = useSyncHarness()

async function upload(id: string, cardId: string, token: string, body: Uint8Array, type = 'image/jpeg') {
  const res = await fetch(`${h.server.url}/api/workshops/${id}/cards/${cardId}/photo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : null }
}

async function download(id: string, cardId: string, token: string) {
  const res = await fetch(`${h.server.url}/api/workshops/${id}/cards/${cardId}/photo`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  }
}

/** A phone photo: 3000 × 2000 pixels, stored sideways with EXIF orientation 6 and a camera note. */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 220, g: 60, b: 40 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'Kamera-Marke', Copyright: 'GEHEIM' } } })
    .toBuffer()
}

async function setUp() {
  const { server, token, id, joinCode, facilitator } = await h.world()
  const jan = await joinAsGuest(server.url, joinCode, 'Jan')
  const kai = await joinAsGuest(server.url, joinCode, 'Kai')
  for (const p of [jan, kai]) {
    const res = await call(
      server.url,
      'PATCH',
      `/api/workshops/${id}/participants/${p.participantId}`,
      { role: 'assistant' },
      token,
    )
    expect(res.status).toBe(200)
  }
  const anna = await joinAsGuest(server.url, joinCode, 'Anna')
  const janDesk = h.client(`${id}/desk`, jan.token)
  const annaDesk = h.client(`${id}/desk`, anna.token)
  await Promise.all([waitSynced(janDesk), waitSynced(annaDesk)])
  addCard(janDesk.doc, 'paper1', {
    text: 'Spielplatz am Markt',
    x: 0,
    y: 0,
    color: 'yellow',
    group: 'councillor',
  })
  addCard(annaDesk.doc, 'anna1', { text: 'Annas Karte', x: 0, y: 200, color: 'green' })
  await waitFor(() => readCards(facilitator.doc).length === 2, 5000, 'cards on the board')
  return { server, token, id, facilitator, jan, kai, anna }
}

describe('photos of paper cards', () => {
  it('stores an upright JPEG of at most 1600 px without metadata, shown on the board and in the minutes', async () => {
    const { server, token, id, facilitator, jan, anna } = await setUp()
    const original = await phonePhoto()
    expect((await sharp(original).metadata()).orientation).toBe(6)

    const res = await upload(id, 'paper1', jan.token, original)
    expect(res.status).toBe(201)
    // Upright (orientation 6 turns 3000 × 2000 into 2000 × 3000), then shrunk to 1600 px high.
    expect(res.json).toMatchObject({ cardId: 'paper1', width: 1067, height: 1600 })
    // Exactly the fields of the shared contract (the record keeps this list complete).
    const contract: Record<keyof PhotoUploadResponse, true> = {
      cardId: true,
      photo: true,
      width: true,
      height: true,
    }
    expect(Object.keys(res.json).sort()).toEqual(Object.keys(contract).sort())
    const version = res.json.photo as string
    await waitFor(
      () => readCards(facilitator.doc).find((c) => c.id === 'paper1')?.photo === version,
      5000,
      'the photo field on the board',
    )

    const got = await download(id, 'paper1', anna.token)
    expect(got.status).toBe(200)
    expect(got.type).toBe('image/jpeg')
    const meta = await sharp(got.bytes).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 1067, height: 1600 })
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    expect(Buffer.from(got.bytes).includes(Buffer.from('GEHEIM'))).toBe(false)
    expect((await download(id, 'anna1', anna.token)).status).toBe(404)

    // A PNG from the facilitator, onto a citizen's card; smaller than 1600 px stays its size.
    const png = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 51, g: 102, b: 255, alpha: 0.5 } },
    })
      .png()
      .toBuffer()
    const byFacilitator = await upload(id, 'anna1', token, png, 'image/png')
    expect(byFacilitator.status).toBe(201)
    expect(byFacilitator.json).toMatchObject({ width: 800, height: 600 })

    // The minutes: a thumbnail in HTML, a note in Markdown, a flag in JSON.
    const snap = await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label: 'Fotos' }, token)
    expect(snap.status).toBe(201)
    const minutes = (format: string) =>
      fetch(`${server.url}/api/workshops/${id}/minutes?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.text())
    const html = await minutes('html')
    expect(html).toMatch(
      /<img class="photo" src="data:image\/jpeg;base64,[A-Za-z0-9+/]+=*" alt="Spielplatz am Markt">/,
    )
    expect(html).toContain('Eingetragen von Jan für Ratsmitglieder')
    expect(html).toContain('Ratsmitglieder 1 (davon 1 von Papier eingetragen)')
    const md = await minutes('md')
    expect(md).toContain('*Foto vorhanden*')
    expect(md).toContain('Eingetragen von Jan für Ratsmitglieder')
    const json = JSON.parse(await minutes('json'))
    // Minutes v2: cards by phase and frame.
    const cards = json.sections.flatMap((s: { frames: { cards: { id: string }[] }[] }) =>
      s.frames.flatMap((f) => f.cards),
    )
    const paper = cards.find((c: { id: string }) => c.id === 'paper1')
    expect(paper).toMatchObject({ photo: true, authorGroup: 'councillor', enteredBy: 'Jan' })
    expect(paper.photoThumbnail).toBeUndefined()
    expect(cards.find((c: { id: string }) => c.id === 'anna1')).toMatchObject({
      photo: true,
      authorGroup: 'citizen',
      enteredBy: null,
    })

    // Hidden, the card's photo goes with its text: not served, not in the minutes.
    const hide = await call(
      server.url,
      'POST',
      `/api/workshops/${id}/cards/paper1/hide`,
      { reason: 'Name genannt' },
      token,
    )
    expect(hide.status).toBe(200)
    expect((await download(id, 'paper1', anna.token)).status).toBe(404)
    expect((await upload(id, 'paper1', token, original)).status).toBe(403)
  })

  it('refuses other people, oversized bodies, other types and bytes that are no image', async () => {
    const { server, token, id, jan, kai, anna } = await setUp()
    const photo = await phonePhoto()
    // Anna wrote her own card, Kai is an assistant who did not enter this one.
    expect((await upload(id, 'paper1', anna.token, photo)).status).toBe(403)
    expect((await upload(id, 'paper1', kai.token, photo)).status).toBe(403)
    expect((await upload(id, 'anna1', anna.token, photo)).status).toBe(403)
    expect((await upload(id, 'anna1', jan.token, photo)).status).toBe(403)
    expect((await upload(id, 'nope', jan.token, photo)).status).toBe(404)

    const tooLarge = new Uint8Array(8 * 1024 * 1024 + 1)
    tooLarge.set(photo.subarray(0, 1024))
    const big = await upload(id, 'paper1', jan.token, tooLarge)
    expect(big.status).toBe(413)
    expect(big.json.error.code).toBe('payload-too-large')
    const text = await upload(id, 'paper1', jan.token, photo, 'text/plain')
    expect(text.status).toBe(415)
    const garbage = await upload(
      id,
      'paper1',
      jan.token,
      new TextEncoder().encode('<svg>kein Bild</svg>'),
      'image/png',
    )
    expect(garbage.status).toBe(400)
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer()
    expect((await upload(id, 'paper1', jan.token, gif, 'image/png')).status).toBe(400)
    // Nothing of it reached the board or the store.
    const board = await server.deps.sync.readBoard(id, (doc) => readCards(doc))
    expect(board.every((c) => c.photo === null)).toBe(true)
    expect(await server.deps.sql.get('SELECT count(*) AS n FROM card_photos')).toEqual({ n: 0 })

    // The photo route's limit is its own: every other body still stops at 64 KiB.
    const label = 'x'.repeat(100 * 1024)
    const snap = await call(server.url, 'POST', `/api/workshops/${id}/snapshots`, { label }, token)
    expect(snap.status).toBe(413)
    const other = await fetch(`${server.url}/api/workshops/${id}/cards/paper1/hide`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'x'.repeat(100 * 1024) }),
    })
    expect(other.status).toBe(413)
  })
})
