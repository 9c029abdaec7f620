export interface OrganisationSize {
  invoices: number;
  openInvoices: number;
  payments: number;
  contacts: number;
}
