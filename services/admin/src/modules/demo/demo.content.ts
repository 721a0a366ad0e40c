/**
 * What the demo company is made of, drawn from a seeded random source: the same seed gives the same
 * company every time, which is what lets a resumed or repeated load recognise what it already made.
 */

/** mulberry32: small, fast and good enough for demo content (never for anything secret). */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  }
}
export type Random = ReturnType<typeof seededRandom>

const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '重庆',
  '天津',
  '宁波',
  '无锡',
  '厦门',
  '青岛',
  '长沙',
  '郑州',
  '合肥',
  '济南',
  '福州',
  '东莞',
  '佛山',
  '昆明',
] as const
const BRANDS = [
  '华信',
  '中科',
  '恒泰',
  '鼎盛',
  '锦程',
  '瑞丰',
  '宏远',
  '博雅',
  '新元',
  '天启',
  '金桥',
  '东方',
  '启明',
  '海纳',
  '润达',
  '卓越',
  '汇通',
  '正和',
  '凯旋',
  '同创',
  '星辰',
  '智联',
  '蓝海',
  '众合',
  '永安',
  '长城',
  '明德',
  '嘉禾',
  '睿驰',
  '云帆',
  '拓维',
  '远景',
  '安信',
  '和泰',
  '中正',
  '晨光',
] as const
const TRADES = [
  ['科技', 'it'],
  ['信息技术', 'it'],
  ['软件', 'it'],
  ['机械制造', 'manufacturing'],
  ['精密仪器', 'manufacturing'],
  ['电子', 'manufacturing'],
  ['商贸', 'retail'],
  ['供应链', 'logistics'],
  ['物流', 'logistics'],
  ['医疗器械', 'healthcare'],
  ['建设工程', 'construction'],
  ['新能源', 'energy'],
  ['化工', 'energy'],
  ['教育科技', 'education'],
  ['咨询', 'services'],
  ['投资', 'finance'],
] as const
const FORMS = ['有限公司', '股份有限公司', '集团有限公司'] as const

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉建华红梅鑫宇浩然子涵欣怡一鸣思远晓东志强海燕文博雨婷俊杰佳琪'
const TITLES = [
  '总经理',
  '采购经理',
  '技术总监',
  '财务经理',
  '项目经理',
  '行政主管',
  '副总经理',
  '设备主管',
] as const

export function personName(r: Random): string {
  const given = Array.from({ length: r.int(1, 2) }, () => r.pick([...GIVEN])).join('')
  return `${r.pick([...SURNAMES])}${given}`
}

export function mobile(r: Random): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`
}

export interface DemoCustomer {
  index: number
  name: string
  industry: string
  level: 'A' | 'B' | 'C'
  status: 'potential' | 'intention' | 'deal' | 'dormant'
  source: string
  phone: string
  address: string
  contacts: Array<{ name: string; title: string; phone: string; email: string }>
  /** Days before today of each follow-up (spread over the last 12 months). */
  followUpDaysAgo: number[]
  opportunity: DemoOpportunity | null
}

export interface DemoOpportunity {
  name: string
  stage: string
  amount: string
  closeInDays: number
  /** Closed (结单) as won or lost some days ago, or still open. */
  outcome: 'won' | 'lost' | null
  lostReason: string | null
  closedDaysAgo: number
}

/** Values of the lost_reason dictionary the demo's lost deals give. */
const LOST_REASONS = ['price', 'competitor', 'budget', 'postponed', 'requirement'] as const

/**
 * How a customer's opportunity ended, by the customer's place in the list rather than a random draw,
 * so adding outcomes left every other generated value as it was: about one in six won, one in nine
 * lost, the rest open across the stages (the funnel has a bottom and the win rate a figure).
 */
function outcomeOf(index: number): Pick<DemoOpportunity, 'outcome' | 'lostReason' | 'closedDaysAgo'> {
  const outcome = index % 6 === 1 ? 'won' : index % 9 === 4 ? 'lost' : null
  return {
    outcome,
    lostReason: outcome === 'lost' ? LOST_REASONS[index % LOST_REASONS.length]! : null,
    closedDaysAgo: 1 + ((index * 7) % 90),
  }
}

const STAGES = ['initial', 'needs', 'proposal', 'negotiation'] as const
const SOURCES = ['wechat_group', 'website', 'exhibition', 'referral', 'telemarketing', 'other'] as const
const PROJECTS = [
  '设备采购',
  '产线升级',
  '仓储改造',
  '信息化建设',
  '年度维保',
  '办公升级',
  '扩产项目',
] as const

/** `count` customers with distinct names; the same `seed` and count always give the same list. */
export function demoCustomers(count: number, seed = 20261205): DemoCustomer[] {
  const r = seededRandom(seed)
  const seen = new Set<string>()
  const list: DemoCustomer[] = []
  while (list.length < count) {
    const city = r.pick(CITIES)
    const [trade, industry] = r.pick(TRADES)
    const name = `${city}${r.pick(BRANDS)}${trade}${r.pick(FORMS)}`
    // Past the combinations (thousands) a branch number keeps names distinct and stable.
    const unique = seen.has(name) ? `${name}（${city}第${list.length}分公司）` : name
    if (seen.has(unique)) continue
    seen.add(unique)
    const index = list.length
    const contacts = Array.from({ length: r.int(1, 2) }, () => ({
      name: personName(r),
      title: r.pick(TITLES),
      phone: mobile(r),
      email: `contact${index}.${r.int(1, 9)}@example.com`,
    }))
    const hasOpportunity = r.chance(0.5)
    list.push({
      index,
      name: unique,
      industry,
      level: r.pick(['A', 'B', 'B', 'C', 'C', 'C'] as const),
      status: r.pick(['potential', 'intention', 'intention', 'deal', 'dormant'] as const),
      source: r.pick(SOURCES),
      phone: `0${r.int(10, 999)}-${r.int(1000_0000, 9999_9999)}`,
      address: `${city}市${r.pick(['高新区', '经开区', '工业园', '滨江区', '中心区'])}${r.int(1, 399)}号`,
      contacts,
      followUpDaysAgo: Array.from({ length: r.int(1, 3) }, () => r.int(1, 360)).sort((a, b) => b - a),
      opportunity: hasOpportunity
        ? {
            name: `${unique.slice(0, 8)}${r.pick(PROJECTS)}`,
            stage: r.pick(STAGES),
            amount: `${r.int(20, 900) * 1000}.00`,
            closeInDays: r.int(10, 120),
            ...outcomeOf(index),
          }
        : null,
    })
  }
  return list
}

export interface DemoProduct {
  code: string
  name: string
  unit: string
  price: string
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: 'DEMO-P01', name: '智能分拣机', unit: 'set', price: '38000.00' },
  { code: 'DEMO-P02', name: '工业控制柜', unit: 'set', price: '12500.00' },
  { code: 'DEMO-P03', name: '冷链监控终端', unit: 'each', price: '1800.00' },
  { code: 'DEMO-P04', name: '变频器', unit: 'each', price: '3200.00' },
  { code: 'DEMO-P05', name: '伺服电机', unit: 'each', price: '2600.00' },
  { code: 'DEMO-P06', name: '工业交换机', unit: 'each', price: '1500.00' },
  { code: 'DEMO-P07', name: '扫码枪', unit: 'piece', price: '680.00' },
  { code: 'DEMO-P08', name: '年度维保服务', unit: 'each', price: '20000.00' },
  { code: 'DEMO-P09', name: '仓储管理软件授权', unit: 'set', price: '45000.00' },
  { code: 'DEMO-P10', name: '包装耗材', unit: 'box', price: '120.00' },
]

/** How far a deal got: the demo shows every stage, most of them complete. */
export const DEAL_FATES = [
  'draft',
  'pending',
  'approved',
  'ordered',
  'shipped',
  'partly_paid',
  'paid',
  'paid',
  'invoiced',
  'invoiced',
] as const
export type DealFate = (typeof DEAL_FATES)[number]

export const TICKET_FATES = ['new', 'assigned', 'in_progress', 'resolved', 'closed', 'closed'] as const
export type TicketFate = (typeof TICKET_FATES)[number]

/** ISO date `days` before `today` (YYYY-MM-DD). */
export function daysAgo(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10)
}
