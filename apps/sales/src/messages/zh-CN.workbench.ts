/** Import, export and bulk edit: the lists' names (dialog titles, file names) and the fields edited in bulk. */
export const workbench = {
  workbench: {
    lists: {
      leads: '线索',
      customers: '客户',
      contacts: '联系人',
      followups: '跟进记录',
      opportunities: '商机',
      products: '产品',
      quotes: '报价单',
      contracts: '合同',
      orders: '销售订单',
    },
    fields: {
      source: '来源',
      industry: '行业',
      status: '状态',
      level: '客户级别',
      method: '跟进方式',
      type: '类型',
      expectedCloseDate: '预计成交日期',
      category: '产品类别',
      unit: '单位',
      onSale: '上架',
      validUntil: '有效期至',
      paymentMethod: '付款方式',
      invoiceType: '发票类型',
      signDate: '签订日期',
      deliveryDate: '交货日期',
    },
  },
}
