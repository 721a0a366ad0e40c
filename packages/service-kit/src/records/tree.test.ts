import { describe, expect, it } from 'vitest'
import { nestTree } from './tree.js'

const item = (id: string, parentId: string | null, sort: number, name = id) => ({ id, parentId, sort, name })

describe('nestTree', () => {
  it('nests children under their parents, siblings by sort then name', () => {
    const tree = nestTree([
      item('c', 'a', 1),
      item('a', null, 0),
      item('b', 'a', 1, 'Alpha'),
      item('d', null, 0, '0'),
    ])
    expect(tree.map((n) => n.id)).toEqual(['d', 'a'])
    expect(tree[1]!.children.map((n) => n.id)).toEqual(['b', 'c'])
    expect(tree[1]!.children[0]!.children).toEqual([])
  })

  it('keeps an item whose parent is missing as a root, so no branch is lost', () => {
    expect(nestTree([item('x', 'gone', 0)]).map((n) => n.id)).toEqual(['x'])
  })
})
