/** The exact sum of decimal texts ("12.50", "-3", "7"), as the shortest decimal text: no floats. */
export function sumDecimal(values: Iterable<string>): string {
  const parts = [...values].map(splitDecimal)
  const scale = Math.max(0, ...parts.map((p) => p.fraction.length))
  let total = 0n
  for (const p of parts) total += p.sign * BigInt(p.whole + p.fraction.padEnd(scale, '0'))
  const negative = total < 0n
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

function splitDecimal(value: string) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim())
  if (!match) throw new RangeError(`Not a decimal: ${value}`)
  return { sign: match[1] === '-' ? -1n : 1n, whole: match[2] || '0', fraction: match[3] ?? '' }
}
