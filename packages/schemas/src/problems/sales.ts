import type { ProblemCatalog } from './catalog.js'

/**
 * Sales' codes (leads, customers, contacts, pool, follow-ups, opportunities, transfers), plus the
 * kit rules sales was first to need: `attachment.*` (the kit's attachment policy, any service whose
 * records carry files), `closure.*` (reopening closed records) and the shared formats
 * `validation.website` / `validation.quantity` (patterns in `@mosaic/schemas/patterns`).
 */
export const salesProblems = {
  'attachment.unknown': {
    zh: '附件不存在或无权使用，请重新上传',
    en: 'No such attachment, or it is not yours to use. Upload the file again.',
  },
  'attachment.repeated': { zh: '同一附件重复添加', en: 'Listed twice' },
  'closure.reopen_roles': {
    zh: '只有以下角色可以重新打开：{roles}',
    en: 'Only these roles may reopen it: {roles}.',
  },
  'closure.reopen_window': {
    zh: '只能在关闭后 {days} 天内重新打开',
    en: 'It can only be reopened within {days} days of closing.',
  },
  'validation.website': { zh: '网址格式不正确', en: 'Invalid website address' },
  'validation.quantity': { zh: '数量最多 4 位小数', en: 'Quantity: up to 4 decimals' },

  'sales.user.unknown': { zh: '用户不存在', en: 'Unknown user' },
  'sales.user.disabled': { zh: '该用户已停用', en: 'This user is disabled' },
  'sales.owner.needs_transfer': {
    zh: '为他人创建记录需要「{permission}」权限',
    en: 'Creating a record for someone else needs the {permission} permission.',
  },

  'sales.customer.unknown': { zh: '客户不存在', en: 'Unknown customer' },
  'sales.customer.name_taken': { zh: '已存在同名客户', en: 'A customer with this name already exists.' },
  'sales.customer.name_taken_by': {
    zh: '已存在同名客户：{name}（{number}），负责人：{owner}',
    en: 'A customer with this name already exists: {name} ({number}), owned by {owner}.',
  },
  'sales.customer.name_taken_in_pool': {
    zh: '已存在同名客户：{name}（{number}），在公海中',
    en: 'A customer with this name already exists: {name} ({number}), in the public pool.',
  },
  'sales.customer.has_opportunities': {
    zh: '该客户还有 {count} 个商机，不能删除。请先删除或转移这些商机，或将客户移入公海',
    en: 'This customer has {count} opportunities, so it cannot be deleted. Delete or transfer them first, or move the customer to the public pool instead.',
  },
  'sales.customer.deleted_parent': {
    zh: '所属客户在回收站中，请先恢复客户',
    en: 'Its customer is in the recycle bin. Restore the customer first.',
  },

  'sales.contact.keep_primary': {
    zh: '客户须保留一个主联系人：请将其他联系人设为主联系人',
    en: 'A customer keeps one primary contact: make another contact primary instead.',
  },
  'sales.contact.not_of_customer': {
    zh: '不是该客户的联系人',
    en: "Not a contact of this record's customer",
  },

  'sales.lead.converted': {
    zh: '该线索已转化，请在对应客户上操作',
    en: 'This lead has been converted; work on the customer it became instead.',
  },
  'sales.lead.invalid': {
    zh: '该线索已标记为无效，只能回收',
    en: 'This lead was marked invalid; it can only be recycled.',
  },
  'sales.lead.bad_transition': {
    zh: '线索不能从「{from}」变为「{to}」，可选：{allowed}',
    en: 'A lead cannot move from {from} to {to}. Allowed: {allowed}.',
  },

  'sales.followup.unknown_target': { zh: '跟进对象（{type}）不存在或无权操作', en: 'Unknown {type}' },
  'sales.followup.lead_converted': {
    zh: '该线索已转化，请跟进对应的客户',
    en: 'This lead was converted; follow up its customer instead.',
  },
  'sales.followup.target_deleted': {
    zh: '该跟进所属的记录（{type}）在回收站中，请先恢复',
    en: "This follow-up's {type} is in the recycle bin. Restore it first.",
  },

  'sales.opportunity.already_closed': {
    zh: '该商机已关闭（{status}），请先重新打开',
    en: 'This opportunity is already closed as {status}. Reopen it first.',
  },
  'sales.opportunity.not_closed': { zh: '该商机未关闭', en: 'This opportunity is not closed.' },
  'sales.opportunity.locked': {
    zh: '该商机已关闭（{status}）并锁定，请重新打开后再修改',
    en: 'This opportunity was closed as {status} and is locked. Reopen it to make changes.',
  },
  'sales.opportunity.locked_roles': {
    zh: '该商机已关闭（{status}）并锁定，请重新打开后再修改（或联系：{roles}）',
    en: 'This opportunity was closed as {status} and is locked. Reopen it to make changes (or ask: {roles}).',
  },
  'sales.opportunity.lost_reason_only_lost': {
    zh: '只有输单的商机才有输单原因',
    en: 'Only a lost opportunity has a lost reason',
  },
  'sales.opportunity.lost_reason_required': {
    zh: '输单时必须填写原因',
    en: 'Required when the opportunity is lost',
  },
  'sales.opportunity.product_unknown': { zh: '产品不存在', en: 'No such product' },
  'sales.opportunity.product_off_sale': {
    zh: '产品「{name}」已下架',
    en: 'The product {name} is off sale.',
  },
  'sales.orders_unavailable': {
    zh: '暂时无法核对产品或报价单信息，请稍后再试',
    en: 'Products and quotes cannot be checked right now; try again later.',
  },
  'sales.opportunity.stage_by_closing': {
    zh: '该阶段须通过关闭商机进入',
    en: 'This stage is reached by closing the opportunity',
  },

  'sales.pool.not_in_pool': { zh: '公海中没有该客户', en: 'This customer is not in the public pool.' },
  'sales.pool.already_yours': { zh: '您已是该客户的负责人', en: 'You already own this customer.' },
  'sales.pool.already_owned': {
    zh: '该客户已被 {owner} 领取',
    en: 'This customer was already claimed by {owner}.',
  },
  'sales.pool.already_in_pool': {
    zh: '该客户已在公海中',
    en: 'This customer is already in the public pool.',
  },
  'sales.pool.release_locked': {
    zh: '已锁定的客户不能移入公海，请先解锁',
    en: 'A locked customer cannot be released to the pool. Unlock it first.',
  },
  'sales.pool.cooldown': {
    zh: '您是该客户进入公海前的负责人，{date} 起才能再次领取（冷却期 {days} 天）',
    en: 'You owned this customer until it entered the pool; you can claim it again from {date} ({days}-day cooldown).',
  },
  'sales.pool.claims_per_day': {
    zh: '您今天已领取 {current} 个客户，每日上限为 {limit} 个，请明天再试',
    en: 'You have claimed {current} customers today; the daily limit is {limit}. Try again tomorrow.',
  },
  'sales.limit.owned_self': {
    zh: '您已拥有 {current} 个客户，上限为 {limit} 个，无法再增加 {adding} 个',
    en: 'You already own {current} customers; the limit is {limit}, so {adding} more cannot be added.',
  },
  'sales.limit.owned': {
    zh: '{user} 已拥有 {current} 个客户，上限为 {limit} 个，无法再增加 {adding} 个',
    en: '{user} already owns {current} customers; the limit is {limit}, so {adding} more cannot be added.',
  },
  'sales.limit.locked': {
    zh: '负责人已锁定 {current} 个客户，上限为 {limit} 个，请先解锁一个',
    en: 'The owner already has {current} locked customers; the limit is {limit}. Unlock one first.',
  },

  'sales.transfer.not_owner': {
    zh: '只有负责人或数据范围覆盖它的经理可以转移',
    en: 'Only its owner or a manager whose data scope covers it can transfer it.',
  },
  'sales.transfer.already_owner': { zh: '负责人已是 {owner}', en: 'Already owned by {owner}.' },
  'sales.transfer.in_pool': {
    zh: '该客户在公海中：请在公海中分配',
    en: 'In the public pool: assign it from the pool instead.',
  },
  'sales.transfer.limit_owned': {
    zh: '{user} 将拥有 {count} 个客户，上限为 {limit} 个',
    en: '{user} would own {count} customers; the limit is {limit}.',
  },
  'sales.transfer.limit_locked': {
    zh: '{user} 将持有 {count} 个锁定客户，上限为 {limit} 个',
    en: '{user} would hold {count} locked customers; the limit is {limit}.',
  },
  'sales.transfer.lead_no_team': {
    zh: '线索没有协作人：原负责人只能移除',
    en: 'Leads have no team members: the previous owner can only be removed',
  },
} as const satisfies ProblemCatalog
