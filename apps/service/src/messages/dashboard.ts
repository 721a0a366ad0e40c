/** The home dashboard's labels of the tickets service's figures (`dashboard.<key>`, decision 107). */
export const dashboardZh = {
  tickets: {
    breaching: '超时工单',
    newTickets: '新增工单',
  },
}

export const dashboardEn: typeof dashboardZh = {
  tickets: {
    breaching: 'Tickets past their SLA',
    newTickets: 'New tickets',
  },
}
