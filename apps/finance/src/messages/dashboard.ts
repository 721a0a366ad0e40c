/** The home dashboard's labels of finance's figures (`dashboard.<key>`, decision 107). */
export const dashboardZh = {
  finance: {
    receivedAmount: '回款金额',
    myReceived: '我的回款',
    overdueReceivables: '逾期应收',
  },
}

export const dashboardEn: typeof dashboardZh = {
  finance: {
    receivedAmount: 'Amount received',
    myReceived: 'My payments received',
    overdueReceivables: 'Overdue receivables',
  },
}
