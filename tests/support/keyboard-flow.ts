/**
 * Keyboard-only steps for browser tests: what has focus (described as assistive technology names
 * it), Tab until something holds, joining and logging in without a pointer. The same steps as in
 * tests/e2e/keyboard-board.test.ts, shared here for the tests that followed it.
 */
import type { Page } from 'playwright-core'

/** What has keyboard focus, described. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      tag: el?.tagName.toLowerCase() ?? 'none',
      id: el?.id ?? '',
      isBody: !el || el === document.body,
      cardId: el?.dataset.cardId ?? null,
      // The name as assistive technology gets it: aria-label, else the text not hidden from it.
      name: (
        el?.getAttribute('aria-label') ??
        (() => {
          const clone = el?.cloneNode(true) as HTMLElement | undefined
          for (const hidden of clone?.querySelectorAll('[aria-hidden="true"]') ?? []) hidden.remove()
          return clone?.textContent ?? ''
        })()
      )
        .trim()
        .slice(0, 80),
      inList: !!el?.closest('.board-list'),
      inCanvas: !!el?.closest('.canvas'),
      listCard: el?.closest<HTMLElement>('[data-list-card]')?.dataset.listCard ?? null,
    }
  })
}
export type Focused = Awaited<ReturnType<typeof focused>>

/** Presses Tab (or Shift+Tab) until `wanted` holds; returns how many presses it took. */
export async function tabTo(
  page: Page,
  wanted: (f: Focused) => boolean,
  max = 40,
  key = 'Tab',
): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key)
    if (wanted(await focused(page))) return presses
  }
  throw new Error(
    `${key} never reached the wanted element in ${max} presses; at ${JSON.stringify(await focused(page))}`,
  )
}

/** Joins as a guest with the keyboard: Tab to the name field, type, Enter. */
export async function joinByKeyboard(page: Page, joinUrl: string, name: string): Promise<void> {
  await page.goto(joinUrl)
  await page.getByLabel('Ihr Name oder ein Pseudonym').waitFor()
  await tabTo(page, (f) => f.tag === 'input' && f.id === 'join-name')
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await page.waitForURL('**/w/**')
  await page.locator('.connection[data-state="online"]').waitFor()
}

/** Logs an account in on the login page with the keyboard, then opens a workshop's board. */
export async function loginByKeyboard(
  page: Page,
  baseUrl: string,
  account: { username: string; password: string },
  workshopId: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.locator('#login-username').waitFor()
  await tabTo(page, (f) => f.id === 'login-username')
  await page.keyboard.type(account.username)
  await tabTo(page, (f) => f.id === 'login-password')
  await page.keyboard.type(account.password)
  await page.keyboard.press('Enter')
  await page.waitForURL('**/workshops')
  await page.goto(`${baseUrl}/w/${workshopId}`)
  await page.locator('.connection[data-state="online"]').waitFor()
}

/** Switches the board to the list view with the keyboard ("Fläche | Liste"). */
export async function openListByKeyboard(page: Page): Promise<void> {
  await tabTo(page, (f) => f.name === 'Liste')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: 'Das Board als Liste' }).waitFor()
}
