import { admin, orders } from '@mosaic/schemas'
import {
  closingTerms,
  IdParams,
  registerAggregate,
  registerExchange,
  type ApiRouter,
  type Database,
} from '@mosaic/service-kit'
import { z } from 'zod'
import { closeContract, reopenContract } from './contracts.closing.js'
import { contractExchange } from './contracts.exchange.js'
import { contracts } from './contracts.store.js'
import {
  changeContract,
  createContract,
  dependantsOf,
  endContract,
  listContractChanges,
  listContractRevisions,
  listContracts,
  presentContract,
  removeContract,
  submitContract,
  updateContract,
} from './contracts.service.js'
import type { ContractDeps } from './contracts.values.js'

export function registerContractRoutes(api: ApiRouter, db: Database, deps: ContractDeps) {
  // Before the aggregate's `/:id` routes, which would otherwise take `/export` for an id.
  registerExchange(api, contractExchange(deps), { db, ...deps })
  registerAggregate(api, {
    resource: 'orders.contract',
    path: '/contracts',
    db,
    store: contracts,
    response: orders.Contract,
    present: (m, row) => presentContract(m, row),
    list: {
      summary:
        'Contracts in the caller’s data scope, newest first (q: number from its start, contract or customer name)',
      query: orders.ContractListQuery,
      run: (m, ctx, query) => listContracts(m, ctx, query),
    },
    create: {
      summary:
        'Draft a contract (from a quote: customer, contact and lines copied); number and figures by the service',
      body: orders.ContractCreate,
      run: (m, ctx, body) => createContract(m, ctx, deps, body),
    },
    update: {
      body: orders.ContractUpdate,
      apply: (m, ctx, id, version, body) =>
        updateContract(m, { ...ctx, principal: ctx.principal! }, deps, id, version, body),
    },
    remove: (m, ctx, id, version) => removeContract(m, ctx, id, version),
    bulk: { edit: orders.ContractBulkEdit },
    actions: {
      submit: {
        summary: 'Submit a draft or rejected contract for approval (locked until decided)',
        body: orders.ContractSubmit,
        run: (m, ctx, id, version, body) => submitContract(m, ctx, id, version, body),
      },
      void: {
        summary: 'Void (作废) a contract in force with nothing performed, with a reason',
        body: orders.ContractEnd,
        run: (m, ctx, id, version, body) => endContract(m, ctx, 'voided', id, version, body),
      },
      terminate: {
        summary: 'Terminate (终止) a contract in force, with a reason',
        body: orders.ContractEnd,
        run: (m, ctx, id, version, body) => endContract(m, ctx, 'terminated', id, version, body),
      },
      close: {
        summary:
          'Close (结单) a contract in force under the contract closure rule; with an override reason, unmet preconditions go to approval',
        body: orders.ContractClose,
        run: (m, ctx, id, version, body) => closeContract(m, ctx, deps, id, version, body),
      },
      reopen: {
        summary: 'Reopen a closed contract (the rule’s roles and day window), with a reason',
        body: orders.ContractReopen,
        run: (m, ctx, id, version, body) => reopenContract(m, ctx, id, version, body),
      },
    },
    commands: {
      change: {
        path: ':id/changes',
        summary: 'Propose a change (变更) of a contract in force; it waits for approval, the contract stays',
        access: 'update',
        body: orders.ContractChangeCreate,
        params: IdParams,
        response: orders.ContractChange,
        status: 201,
        run: (m, ctx, { body, params }) => changeContract(m, ctx, deps, params.id!, body),
      },
    },
    views: {
      closing: {
        summary:
          'What closing (结单) a contract asks for now: the contract rule’s required fields and whether it goes to approval',
        response: admin.ClosingTerms,
        run: (m) => closingTerms(m, 'contract'),
      },
      ':id/changes': {
        summary: 'The changes proposed for a contract, newest first',
        params: IdParams,
        response: z.array(orders.ContractChange),
        run: (m, ctx, { params }) => listContractChanges(m, ctx, params.id!),
      },
      ':id/revisions': {
        summary: 'The revisions a contract has had in force (full values of each)',
        params: IdParams,
        response: z.array(orders.ContractRevision),
        run: (m, ctx, { params }) => listContractRevisions(m, ctx, params.id!),
      },
      ':id/dependants': {
        summary: 'What depends on a contract and which of delete / void / terminate its state allows',
        params: IdParams,
        response: orders.ContractDependants,
        run: (m, ctx, { params }) => dependantsOf(m, ctx, params.id!),
      },
    },
  })
}
