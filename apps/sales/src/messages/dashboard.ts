/**
 * The home dashboard's labels of the figures sales and orders own (`dashboard.<key>`, decision 107):
 * the shell draws the cards, this remote names them.
 */
export const dashboardZh = {
  sales: {
    newCustomers: '新增客户',
    followups: '跟进次数',
    newOpportunities: '新增商机',
    myCustomers: '我的新增客户',
    myFollowups: '我的跟进',
    followupsDueToday: '今日待跟进',
    customersToRecycle: '即将回收的客户',
  },
  orders: {
    contractAmount: '合同金额',
    myContracts: '我的合同',
    myContractAmount: '我的合同金额',
  },
}

export const dashboardEn: typeof dashboardZh = {
  sales: {
    newCustomers: 'New customers',
    followups: 'Follow-ups',
    newOpportunities: 'New opportunities',
    myCustomers: 'My new customers',
    myFollowups: 'My follow-ups',
    followupsDueToday: 'Follow-ups due today',
    customersToRecycle: 'Customers about to return to the pool',
  },
  orders: {
    contractAmount: 'Contract amount',
    myContracts: 'My contracts',
    myContractAmount: 'My contract amount',
  },
}
