import type { DemoStatus } from '@mosaic/schemas'
import {
  HttpError,
  peersFromConfig,
  problem,
  recordContext,
  type Database,
  type RecordContext,
  type SigningKeys,
} from '@mosaic/service-kit'
import type { AdminConfig } from '../../config.js'
import { decideTask } from '../approvals/engine.js'
import { principalOf } from '../auth/principals.js'
import { UserEntity } from '../users/user.entity.js'
import { DEMO_PRODUCTS, demoCustomers } from './demo.content.js'
import { DemoLedger } from './demo.ledger.js'
import { PeerRefusal, peerCaller } from './demo.peers.js'
import { demoUserPlan, ensureDepartments, ensureUsers, tokenMint } from './demo.people.js'
import {
  awaitDirectory,
  dealCustomers,
  makeCustomer,
  makeDeal,
  makePortalAccount,
  makeProducts,
  makeTicket,
  ticketCount,
  type StepContext,
} from './demo.steps.js'

/** The steps in the order they run; GET shows each with its progress. */
export const DEMO_STEPS = [
  'departments',
  'users',
  'products',
  'customers',
  'deals',
  'tickets',
  'portalAccounts',
] as const
type StepKey = (typeof DEMO_STEPS)[number]

interface Log {
  info: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}

const POLL_MS = 300
const WAIT_LIMIT_MS = 120_000

/**
 * Loads the demo company (decision 115): admin's own departments and users through its domain
 * functions, then the business data through the other services' public APIs as the demo users, in
 * the background. One load at a time; after it is done, loading again changes nothing; a load that
 * failed or was interrupted resumes when started again.
 */
export class DemoLoader {
  private readonly ledger: DemoLedger

  constructor(
    private readonly db: Database,
    private readonly keys: SigningKeys,
    private readonly config: AdminConfig,
    private readonly log: Log,
  ) {
    this.ledger = new DemoLedger(db)
  }

  status(): Promise<DemoStatus> {
    return this.ledger.status()
  }

  /** Starts the load unless it runs or is done; answers the status either way. */
  async start(ctx: RecordContext): Promise<DemoStatus> {
    if (await this.ledger.claimStart(DEMO_STEPS)) {
      const began = Date.now()
      void this.run(ctx).then((outcome) =>
        this.log.info(
          {
            seconds: Math.round((Date.now() - began) / 1000),
            customers: this.config.DEMO_CUSTOMERS,
            outcome,
          },
          'demo data load finished',
        ),
      )
    }
    return this.ledger.status()
  }

  private async run(ctx: RecordContext): Promise<string> {
    try {
      await this.load(ctx)
      await this.ledger.finish(null)
      return 'done'
    } catch (err) {
      const failure = describeFailure(err)
      this.log.error({ err, ...failure }, 'demo data load failed')
      await this.ledger.finish(failure).catch(() => undefined)
      return failure.errorCode
    }
  }

  private async load(ctx: RecordContext) {
    const customers = demoCustomers(this.config.DEMO_CUSTOMERS)
    const deals = dealCustomers(customers.length)
    const tickets = Array.from({ length: ticketCount(customers.length) }, (_, t) => t)
    const portal = deals.filter((_, j) => j % 2 === 0)
    await this.ledger.plan({
      departments: 5,
      users: demoUserPlan().length,
      products: DEMO_PRODUCTS.length,
      customers: customers.length,
      deals: deals.length,
      tickets: tickets.length,
      portalAccounts: portal.length,
    })

    const depts = await this.step('departments', 5, () => ensureDepartments(this.db, ctx))
    const people = await this.step('users', demoUserPlan().length, () => ensureUsers(this.db, ctx, depts))
    const c: StepContext = {
      ledger: this.ledger,
      call: peerCaller(peersFromConfig(this.config)),
      tokenFor: tokenMint(this.db, this.keys, this.config),
      people,
      customers,
      today: new Date(),
      approve: (number, approverId) => this.approve(number, approverId),
      until,
    }
    await this.step('products', DEMO_PRODUCTS.length, async () => {
      await awaitDirectory(c)
      await makeProducts(c)
    })
    await this.each('customers', customers, (d) => makeCustomer(c, d))
    await this.each('deals', deals, (customerIndex, j) => makeDeal(c, j, customerIndex, deals.length))
    await this.each('tickets', tickets, (t) => makeTicket(c, t, deals))
    await this.each('portalAccounts', portal, (customerIndex) => makePortalAccount(c, customerIndex))
  }

  /** A step done in one go; a finished step is not run again (its result is recomputed, creating nothing). */
  private async step<T>(key: StepKey, total: number, run: () => Promise<T>): Promise<T> {
    await this.ledger.progress(key, 0, total)
    const result = await run()
    await this.ledger.finishStep(key)
    return result
  }

  /** A step over many items, `DEMO_CONCURRENCY` at a time; finished items are skipped inside each. */
  private async each<T>(
    key: StepKey,
    items: readonly T[],
    work: (item: T, index: number) => Promise<unknown>,
  ) {
    if (await this.ledger.stepFinished(key)) return
    let done = 0
    let next = 0
    await this.ledger.progress(key, 0, items.length)
    const worker = async () => {
      while (next < items.length) {
        const index = next++
        await work(items[index]!, index)
        done++
        // Progress every few items: the ledger's writes queue behind the load's own otherwise.
        if (done % 5 === 0) await this.ledger.progress(key, done, items.length)
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.config.DEMO_CONCURRENCY, items.length) }, worker))
    await this.ledger.finishStep(key)
  }

  /** The approver decides their task through the approval engine, as in the approval centre. */
  private async approve(docNumber: string, approverId: string) {
    let taskId: string | undefined
    await until(`an approval task for ${docNumber}`, async () => {
      const [row] = await this.db.dataSource.query(
        `SELECT t.id FROM approval_task t JOIN approval_instance i ON i.id = t.instance_id
          WHERE i.doc_number = $1 AND t.assignee_id = $2 AND t.status = 'pending' LIMIT 1`,
        [docNumber, approverId],
      )
      taskId = row?.id
      return taskId !== undefined
    })
    await this.db.transaction(async (m) => {
      const approver = await m.getRepository(UserEntity).findOneByOrFail({ id: approverId })
      await decideTask(m, recordContext(await principalOf(m, approver)), taskId!, 'approved', '同意')
    })
  }
}

/** Polls until `check` holds: what the load waits for arrives by event. */
async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (!(await check())) {
    if (Date.now() > deadline) throw problem(504, 'admin.demo.timeout', { what })
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** The failure as GET shows it: a problem code the UI translates, with its English text. */
function describeFailure(err: unknown): { errorCode: string; error: string } {
  if (err instanceof PeerRefusal)
    return { errorCode: err.code ?? 'admin.demo.peer_refused', error: err.message }
  // The catalog's text is general (the screen shows it); the details go into the English text.
  if (err instanceof HttpError && err.code)
    return {
      errorCode: err.code,
      error: `${err.message}${err.params ? ` ${JSON.stringify(err.params)}` : ''}`,
    }
  return { errorCode: 'admin.demo.failed', error: err instanceof Error ? err.message : String(err) }
}
