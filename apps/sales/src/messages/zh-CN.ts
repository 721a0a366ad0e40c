import { records } from './zh-CN.records'
import { work } from './zh-CN.work'
import { products } from './zh-CN.products'
import { contracts } from './zh-CN.contracts'
import { salesOrders } from './zh-CN.orders'
import { workbench } from './zh-CN.workbench'

const zhCN = {
  sales: {
    title: '销售管理',
    common: {
      owner: '负责人',
      dept: '所属部门',
      phone: '电话',
      email: '邮箱',
      address: '地址',
      industry: '所属行业',
      source: '来源',
      remark: '备注',
      lastFollowUpAt: '最近跟进',
      nextFollowUpAt: '下次跟进',
      info: '基本信息',
      history: '操作记录',
      historyTitle: '操作记录：{name}',
      activity: '操作记录',
      versions: '修改历史',
      back: '上一步',
      close: '关闭',
    },
    entityTypes: {
      lead: '线索',
      customer: '客户',
      contact: '联系人',
      followup: '跟进记录',
      opportunity: '商机',
      quote: '报价单',
      contract: '合同',
    },
    bulk: {
      assign: '批量分配',
      transfer: '批量转移',
      delete: '批量删除',
      deleteTitle: '批量删除结果',
      nRecords: '选中的 {n} 条记录',
      selected: '已选择 {n} 条记录',
    },
    ...records,
    ...work,
    ...products,
    ...contracts,
    ...salesOrders,
    ...workbench,
  },
  /** The orders service's record types, as its recycle bin and audit trail name them. */
  orders: {
    entityTypes: {
      product: '产品',
      product_category: '产品类别',
      quote: '报价单',
      contract: '销售合同',
      sales_order: '销售订单',
    },
  },
}

export default zhCN
