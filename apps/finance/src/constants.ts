/** The dictionaries finance fields are coded in. */
export const DICT = {
  paymentMethod: 'payment_method',
  invoiceType: 'invoice_type',
  courier: 'courier_company',
} as const
