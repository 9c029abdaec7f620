// Any stored entity in Intuit's JSON, by its name: what queries, reads and CDC hand out.
import { attachableJson, customerJson } from './present-parties';
import { creditMemoJson, invoiceJson, paymentJson, type PresentContext } from './present-transactions';
import type {
  AttachableRecord,
  CreditMemoRecord,
  CustomerRecord,
  EntityBase,
  EntityName,
  InvoiceRecord,
  PaymentRecord,
} from './records';

export function presentEntity(ctx: PresentContext, entity: EntityName, record: EntityBase): object {
  switch (entity) {
    case 'Invoice':
      return invoiceJson(ctx, record as InvoiceRecord);
    case 'Payment':
      return paymentJson(ctx, record as PaymentRecord);
    case 'CreditMemo':
      return creditMemoJson(ctx, record as CreditMemoRecord);
    case 'Customer':
      return customerJson(ctx, record as CustomerRecord);
    case 'Attachable':
      return attachableJson(ctx, record as AttachableRecord);
  }
}

export function findEntity(
  data: PresentContext['data'],
  entity: EntityName,
  id: string,
): EntityBase | undefined {
  switch (entity) {
    case 'Invoice':
      return data.invoices.get(id);
    case 'Payment':
      return data.payments.get(id);
    case 'CreditMemo':
      return data.creditMemos.get(id);
    case 'Customer':
      return data.customers.get(id);
    case 'Attachable':
      return data.attachables.get(id);
  }
}
