/**
 * docs/security.md's permission matrix against the shared policy: every documented row must be
 * a row the policy computes, with the same yes/no in each column, and no policy row undocumented.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MATRIX_COLUMNS, permissionMatrix } from '../../shared/policy/permission-matrix.ts'

function documentedMatrix(): Map<string, boolean[]> {
  const doc = fs.readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8')
  const section = doc.split('## Permission matrix')[1]?.split('\n## ')[0] ?? ''
  const rows = new Map<string, boolean[]>()
  for (const line of section.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| action') || line.startsWith('| ---')) continue
    const [action, ...cells] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
    const answers = cells.map((cell) => {
      const word = cell.split(/[\s,:(]/)[0]?.toLowerCase()
      if (word !== 'yes' && word !== 'no') throw new Error(`cell must start with yes or no: "${cell}"`)
      return word === 'yes'
    })
    rows.set(action as string, answers)
  }
  return rows
}

describe('the permission matrix in docs/security.md', () => {
  it('says what the shared policy decides, row by row', () => {
    const documented = documentedMatrix()
    const computed = permissionMatrix()
    expect([...documented.keys()].sort()).toEqual(computed.map((r) => r.action).sort())
    for (const row of computed) {
      expect({ action: row.action, allowed: documented.get(row.action) }).toEqual({
        action: row.action,
        allowed: MATRIX_COLUMNS.map((column) => row.allowed[column]),
      })
    }
  })
})
