import type { ProblemCatalog } from './catalog.js'

/** The orders service's codes (products and their categories), plus `validation.percent`. */
export const ordersProblems = {
  'validation.percent': { zh: '0 到 100 之间，最多 2 位小数', en: 'From 0 to 100, up to 2 decimals' },

  'orders.user.unknown': { zh: '用户不存在', en: 'Unknown user' },
  'orders.user.disabled': { zh: '该用户已停用', en: 'This user is disabled' },
  'orders.owner.needs_transfer': {
    zh: '为他人创建记录需要「{permission}」权限',
    en: 'Creating a record for someone else needs the {permission} permission.',
  },

  'orders.product.code_format': {
    zh: '以字母或数字开头，仅含字母、数字和短横线',
    en: 'Letters, digits and dashes, starting with a letter or digit',
  },
  'orders.product.code_taken': {
    zh: '产品编码「{code}」已被使用',
    en: 'The product code {code} is already in use.',
  },
  'orders.product.category_unknown': { zh: '产品类别不存在', en: 'No such product category' },
  'orders.product.category_deleted': {
    zh: '产品类别「{name}」在回收站中，请先恢复该类别',
    en: 'The product category {name} is in the recycle bin; restore it first.',
  },
  'orders.product.already_on_sale': { zh: '产品已上架', en: 'The product is already on sale.' },
  'orders.product.already_off_sale': { zh: '产品已下架', en: 'The product is already off sale.' },

  'orders.category.name_taken': {
    zh: '同一上级下已有名为「{name}」的类别',
    en: 'There is already a category named {name} at this level.',
  },
  'orders.category.parent_unknown': { zh: '上级类别不存在', en: 'No such parent category' },
  'orders.category.parent_cycle': {
    zh: '不能移动到自身或其下级类别之下',
    en: 'A category cannot be moved under itself or one of its subcategories.',
  },
  'orders.category.has_children': {
    zh: '该类别下还有 {children} 个子类别，请先删除或移走子类别',
    en: 'This category still has {children} subcategories; delete or move them first.',
  },
  'orders.category.has_products': {
    zh: '该类别下还有 {products} 个产品，请先将产品改到其他类别或删除',
    en: 'This category still holds {products} products; move them to another category or delete them first.',
  },
  'orders.category.parent_deleted': {
    zh: '上级类别「{name}」在回收站中，请先恢复上级类别',
    en: 'The parent category {name} is in the recycle bin; restore it first.',
  },
  'validation.quantity_positive': { zh: '数量须大于 0', en: 'The quantity must be more than 0' },
  'orders.quote.customer_unknown': { zh: '客户不存在', en: 'No such customer' },
  'orders.quote.contact_unknown': {
    zh: '联系人不存在或不属于该客户',
    en: 'No such contact for this customer',
  },
  'orders.quote.opportunity_unknown': {
    zh: '商机不存在或不属于该客户',
    en: 'No such opportunity for this customer',
  },
  'orders.quote.product_unknown': { zh: '产品不存在', en: 'No such product' },
  'orders.quote.product_off_sale': {
    zh: '产品「{name}」已下架',
    en: 'The product {name} is off sale.',
  },
  'orders.quote.not_draft': {
    zh: '只有草稿状态的报价单可以删除',
    en: 'Only a draft quote can be deleted.',
  },
  'orders.quote.not_editable': {
    zh: '只有草稿或已驳回的报价单可以修改',
    en: 'Only a draft or rejected quote can be changed.',
  },
  'orders.quote.not_submittable': {
    zh: '只有草稿或已驳回的报价单可以提交审批',
    en: 'Only a draft or rejected quote can be submitted for approval.',
  },
  'orders.quote.valid_until_missing': {
    zh: '提交审批前请填写有效期',
    en: 'Set a valid-until date before submitting.',
  },
  'orders.quote.valid_until_past': {
    zh: '有效期已过，请修改有效期后再提交',
    en: 'The valid-until date has passed; change it before submitting.',
  },
  'orders.quote.no_lines': {
    zh: '报价单没有明细行',
    en: 'The quote has no lines.',
  },
  'orders.quote.not_approved': {
    zh: '只有审批通过的报价单可以发送',
    en: 'Only an approved quote can be sent.',
  },
  'orders.quote.not_sent': {
    zh: '只有已发送的报价单可以标记为已接受',
    en: 'Only a sent quote can be marked accepted.',
  },
  'orders.contract.not_editable': {
    zh: '只有草稿或已驳回的合同可以修改',
    en: 'Only a draft or rejected contract can be edited.',
  },
  'orders.contract.not_submittable': {
    zh: '只有草稿或已驳回的合同可以提交审核',
    en: 'Only a draft or rejected contract can be submitted for approval.',
  },
  'orders.contract.not_deletable': {
    zh: '只有草稿或已驳回的合同可以删除；生效的合同请作废或终止',
    en: 'Only a draft or rejected contract can be deleted; void or terminate a contract in force instead.',
  },
  'orders.contract.has_dependants': {
    zh: '该合同已有关联单据（{dependants}），不能删除，请作废或终止',
    en: 'Documents depend on this contract ({dependants}); it cannot be deleted. Void or terminate it instead.',
  },
  'orders.contract.performed': {
    zh: '该合同已开始履行（{dependants}），不能作废，请终止',
    en: 'This contract is being performed ({dependants}); it cannot be voided. Terminate it instead.',
  },
  'orders.contract.not_in_force': {
    zh: '只有已生效的合同可以变更、作废或终止',
    en: 'Only a contract in force (approved) can be changed, voided or terminated.',
  },
  'orders.contract.change_pending': {
    zh: '该合同已有一个待审批的变更',
    en: 'A change of this contract is already waiting for approval.',
  },
  'orders.contract.change_empty': {
    zh: '变更内容与当前合同相同',
    en: 'The change proposes the values already in force.',
  },
  'orders.contract.end_before_start': {
    zh: '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date.',
  },
  'orders.contract.customer_required': {
    zh: '请选择客户或来源报价单',
    en: 'Choose a customer or the quote to create from.',
  },
  'orders.contract.import_line_format': {
    zh: '无法识别产品明细“{value}”，格式：产品编码 × 数量 @ 含税单价 -折扣% tax 税率%（多行用分号分隔）',
    en: 'Cannot read the line "{value}"; write: product code × quantity @ unit price -discount% tax rate% (lines separated by ;).',
  },
  'orders.contract.import_unknown_contact': {
    zh: '该客户没有名为“{value}”的联系人',
    en: 'The customer has no contact named "{value}".',
  },
  'orders.contract.lines_required': {
    zh: '至少需要一行产品明细',
    en: 'At least one line is required.',
  },
  'orders.contract.quote_unknown': { zh: '报价单不存在', en: 'No such quote' },
  'orders.contract.quote_not_usable': {
    zh: '只能从已审批、已发送或已接受的报价单创建合同',
    en: 'A contract can only be created from an approved, sent or accepted quote.',
  },
  'orders.contract.below_ordered': {
    zh: '「{product}」已下单 {ordered}，变更后的数量不能少于已下单数量',
    en: '{ordered} of {product} is already ordered; the change cannot go below that.',
  },
  'orders.contract.below_received': {
    zh: '合同已回款 ¥{received}，变更后的合同金额不能低于已回款金额',
    en: '¥{received} has already been received; the change cannot bring the contract total below that.',
  },
  'orders.contract.not_fully_collected': {
    zh: '合同尚未全部回款（已回款 ¥{received}，合同金额 ¥{total}）',
    en: 'The contract is not fully collected (¥{received} received of ¥{total}).',
  },
  'orders.contract.not_fully_invoiced': {
    zh: '合同尚未全部开票（已开票 ¥{invoiced}，合同金额 ¥{total}）',
    en: 'The contract is not fully invoiced (¥{invoiced} invoiced of ¥{total}).',
  },
  'orders.contract.tickets_open': {
    zh: '合同尚有 {count} 张未关闭的工单：{numbers}',
    en: 'The contract has {count} open ticket(s): {numbers}.',
  },
  'orders.contract.not_closable': {
    zh: '只有已生效的合同可以结单',
    en: 'Only a contract in force (approved) can be closed.',
  },
  'orders.contract.already_closed': { zh: '合同已结单', en: 'The contract is already closed.' },
  'orders.contract.not_closed': { zh: '合同未结单', en: 'The contract is not closed.' },
  'orders.order.contract_unknown': { zh: '合同不存在', en: 'No such contract' },
  'orders.order.contract_not_approved': {
    zh: '只能从已生效的合同创建订单',
    en: 'An order can only be created from a contract in force (approved).',
  },
  'orders.order.product_not_in_contract': {
    zh: '该产品不在合同中',
    en: 'This product is not on the contract.',
  },
  'orders.order.product_repeated': {
    zh: '同一产品在订单中只能出现一次',
    en: 'A product appears only once on an order.',
  },
  'orders.order.quantity_exceeds': {
    zh: '「{product}」超出合同剩余数量，最多还可下单 {remaining}',
    en: 'More {product} than the contract has left: at most {remaining} more can be ordered.',
  },
  'orders.order.nothing_left': {
    zh: '该合同的产品已全部下单',
    en: 'Everything on this contract has already been ordered.',
  },
  'orders.order.not_editable': {
    zh: '已取消或已结单的订单不能修改',
    en: 'A cancelled or closed order cannot be changed.',
  },
  'orders.order.lines_locked': {
    zh: '订单已开始发货，产品明细不能再修改',
    en: 'The order has started shipping; its lines can no longer change.',
  },
  'orders.order.closed_locked': {
    zh: '订单已结单并锁定，修改需要结单规则允许的角色',
    en: 'The order is closed and locked; changing it needs a role the closure rule allows.',
  },
  'orders.order.not_confirmable': {
    zh: '只有待确认的订单可以确认',
    en: 'Only a pending order can be confirmed.',
  },
  'orders.order.not_cancellable': {
    zh: '只有未发货的待确认或已确认订单可以取消',
    en: 'Only a pending or confirmed order with nothing shipped can be cancelled.',
  },
  'orders.order.not_deletable': {
    zh: '只有待确认或已取消且没有物流单的订单可以删除',
    en: 'Only a pending or cancelled order without shipments can be deleted.',
  },
  'orders.order.not_shippable': {
    zh: '只有已确认或部分发货的订单可以发货',
    en: 'Shipments can only be recorded for a confirmed or partially shipped order.',
  },
  'orders.order.already_closed': { zh: '订单已结单', en: 'The order is already closed.' },
  'orders.order.not_closable': {
    zh: '已取消的订单不能结单',
    en: 'A cancelled order cannot be closed.',
  },
  'orders.order.not_closed': { zh: '订单未结单', en: 'The order is not closed.' },
  'orders.order.not_fully_shipped': {
    zh: '订单尚未全部发货（已发货 {percent}%）',
    en: 'The order is not fully shipped ({percent}% shipped).',
  },
  'orders.order.not_fully_paid': {
    zh: '订单尚未全部回款（已回款 ¥{paid}，订单金额 ¥{total}）',
    en: 'The order is not fully paid (¥{paid} paid of ¥{total}).',
  },
  'orders.shipment.line_unknown': {
    zh: '该产品不在订单中',
    en: 'This product is not on the order.',
  },
  'orders.shipment.exceeds': {
    zh: '「{product}」超出未发货数量，最多还可发 {remaining}',
    en: 'More {product} than is left to ship: at most {remaining}.',
  },
  'orders.shipment.not_found': { zh: '物流单不存在', en: 'No such shipment' },
  'orders.shipment.not_in_transit': {
    zh: '只有运输中的物流单可以签收或取消',
    en: 'Only a shipment in transit can be marked delivered or cancelled.',
  },
  'orders.sales_unavailable': {
    zh: '暂时无法核对客户信息，请稍后再试',
    en: 'Customer details cannot be checked right now; try again later.',
  },
} as const satisfies ProblemCatalog
