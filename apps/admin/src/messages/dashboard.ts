/** The home dashboard's label of admin's to-do line (`dashboard.<key>`, decision 107). */
export const dashboardZh = {
  admin: {
    approvalsWaiting: '待我审批',
  },
}

export const dashboardEn: typeof dashboardZh = {
  admin: {
    approvalsWaiting: 'Approvals waiting for me',
  },
}
