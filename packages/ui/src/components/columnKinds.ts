import type { ColumnKind, ListColumn } from '../types'

/**
 * Floor widths (px) per column kind at the default 14 px table font. Whole-value kinds then grow to
 * their header and to the widest value on the page (see columnMinWidth), so the floors stay small
 * enough for a 1440 px screen; a column's own `minWidth` replaces its kind's floor.
 */
export const KIND_MIN_WIDTH: Record<ColumnKind, number> = {
  number: 90,
  money: 110,
  date: 110,
  datetime: 160,
  user: 90,
  status: 80,
  text: 120,
}

/** Kinds whose values must show whole: no ellipsis, no wrapping; the column grows to fit instead. */
export function fitsWhole(kind: ColumnKind | undefined): boolean {
  return (kind ?? 'text') !== 'text'
}

/** Cell padding (12 px each side in Element Plus) plus a pixel for the border. */
const CELL_PADDING = 25
/** Header extras: the sort caret or filter icon some columns draw beside the label. */
const HEADER_EXTRA = 8

let canvas: CanvasRenderingContext2D | null | undefined

/** Text width in px at the table's font; estimated per character where there is no canvas (tests). */
export function textWidth(text: string, font = '14px sans-serif'): number {
  if (canvas === undefined) {
    try {
      canvas = globalThis.document?.createElement('canvas').getContext('2d') ?? null
    } catch {
      canvas = null
    }
  }
  if (canvas) {
    canvas.font = font
    const measured = canvas.measureText(text).width
    if (measured > 0) return Math.ceil(measured)
  }
  let width = 0
  // Wide (CJK, full-width) characters are about one em, the rest a bit over half of one.
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 14
        : 8.5
  return Math.ceil(width)
}

/**
 * The width a column needs so nothing in it is cut off: its kind's minimum, its header label, and
 * for the whole-value kinds the widest value on the current page. Text columns only get the kind's
 * minimum (they share the remaining space and show … with a tooltip).
 */
export function columnMinWidth<T>(
  col: ListColumn<T>,
  rows: readonly T[],
  text: (col: ListColumn<T>, row: T) => string,
  font?: string,
): number {
  const kind = col.kind ?? 'text'
  const declared = Number.parseInt(String(col.minWidth ?? ''), 10)
  let width = Number.isFinite(declared) ? declared : KIND_MIN_WIDTH[kind]
  width = Math.max(
    width,
    textWidth(col.label, font ? `600 ${font}` : undefined) + CELL_PADDING + HEADER_EXTRA,
  )
  if (fitsWhole(kind)) {
    // Tags (status) draw their own 9 px padding and a border on each side.
    const extra = kind === 'status' ? 20 : 0
    for (const row of rows) width = Math.max(width, textWidth(text(col, row), font) + CELL_PADDING + extra)
  }
  return Math.ceil(width)
}
