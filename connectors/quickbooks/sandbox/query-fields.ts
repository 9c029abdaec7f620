// The queryable properties of each entity, and how a query's literal compares with each: Ids as
// numbers, amounts in cents, MetaData times as instants (the literal in any offset, or a bare date at
// the company's midnight), dates and names as text. An unknown property is Intuit's
// QueryValidationError, not a silent no-match.
import { parseCents } from '../../shared/sandbox/money';
import { invoiceBalance, remainingCredit, unappliedAmount, type LedgerIndex } from './ledger';
import type { Literal } from './query-parse';
import { parseQboInstant } from './qbo-time';
import type {
  AttachableRecord,
  CompanyData,
  CreditMemoRecord,
  CustomerRecord,
  EntityBase,
  EntityName,
  InvoiceRecord,
  PaymentRecord,
} from './records';

export type Value = string | number | boolean | null;
type Kind = 'id' | 'text' | 'date' | 'instant' | 'money' | 'bool';

export interface FieldContext {
  data: CompanyData;
  index: LedgerIndex;
  customerBalances(): Map<string, number>;
}

interface Field<R> {
  kind: Kind;
  /** One value, or several for a property that repeats (an attachable's refs). */
  get(record: R, ctx: FieldContext): Value | Value[];
}

export class QueryValidationError extends Error {
  override name = 'QueryValidationError';
}

const common: Record<string, Field<EntityBase>> = {
  id: { kind: 'id', get: (r) => Number(r.id) },
  'metadata.createtime': { kind: 'instant', get: (r) => r.createdAt },
  'metadata.lastupdatedtime': { kind: 'instant', get: (r) => r.updatedAt },
};

const invoice: Record<string, Field<InvoiceRecord>> = {
  docnumber: { kind: 'text', get: (r) => r.docNumber },
  txndate: { kind: 'date', get: (r) => r.txnDate },
  duedate: { kind: 'date', get: (r) => r.dueDate },
  totalamt: { kind: 'money', get: (r) => (r.voided ? 0 : r.total) },
  balance: { kind: 'money', get: (r, ctx) => invoiceBalance(ctx.index, r) },
  customerref: { kind: 'id', get: (r) => Number(r.customerId) },
};

const creditMemo: Record<string, Field<CreditMemoRecord>> = {
  docnumber: { kind: 'text', get: (r) => r.docNumber },
  txndate: { kind: 'date', get: (r) => r.txnDate },
  totalamt: { kind: 'money', get: (r) => r.total },
  balance: { kind: 'money', get: (r, ctx) => remainingCredit(ctx.index, r) },
  remainingcredit: { kind: 'money', get: (r, ctx) => remainingCredit(ctx.index, r) },
  customerref: { kind: 'id', get: (r) => Number(r.customerId) },
};

const payment: Record<string, Field<PaymentRecord>> = {
  txndate: { kind: 'date', get: (r) => r.txnDate },
  totalamt: { kind: 'money', get: (r) => r.total },
  unappliedamt: { kind: 'money', get: (r) => unappliedAmount(r) },
  customerref: { kind: 'id', get: (r) => Number(r.customerId) },
  paymentrefnum: { kind: 'text', get: (r) => r.reference },
};

const customer: Record<string, Field<CustomerRecord>> = {
  displayname: { kind: 'text', get: (r) => r.displayName },
  givenname: { kind: 'text', get: (r) => r.givenName },
  familyname: { kind: 'text', get: (r) => r.familyName },
  companyname: { kind: 'text', get: (r) => r.companyName },
  primaryemailaddr: { kind: 'text', get: (r) => r.email },
  active: { kind: 'bool', get: (r) => r.active },
  balance: { kind: 'money', get: (r, ctx) => ctx.customerBalances().get(r.id) ?? 0 },
};

const attachable: Record<string, Field<AttachableRecord>> = {
  'attachableref.entityref.type': { kind: 'text', get: (r) => r.refs.map((ref) => ref.type.toLowerCase()) },
  'attachableref.entityref.value': { kind: 'id', get: (r) => r.refs.map((ref) => Number(ref.value)) },
  note: { kind: 'text', get: (r) => r.note },
};

const FIELDS: Record<EntityName, Record<string, Field<never>>> = {
  Invoice: { ...common, ...invoice },
  CreditMemo: { ...common, ...creditMemo },
  Payment: { ...common, ...payment },
  Customer: { ...common, ...customer },
  Attachable: { ...common, ...attachable },
};

export interface ResolvedField {
  kind: Kind;
  get(record: unknown, ctx: FieldContext): Value | Value[];
}

export function resolveField(entity: EntityName, name: string): ResolvedField {
  const field = FIELDS[entity][name.toLowerCase()] as ResolvedField | undefined;
  if (!field) throw new QueryValidationError(`property '${name}' is not queryable`);
  return field;
}

/** The literal as the field's values are held, or an error naming what does not fit. */
export function coerce(field: ResolvedField, name: string, literal: Literal, timeZone: string): Value {
  const fail = (): never => {
    throw new QueryValidationError(`Invalid value ${String(literal)} for property '${name}'`);
  };
  switch (field.kind) {
    case 'id': {
      const n = Number(literal);
      return Number.isFinite(n) && String(literal).trim() !== '' ? n : fail();
    }
    case 'money':
      return typeof literal === 'boolean' ? fail() : (parseCents(literal) ?? fail());
    case 'instant':
      return typeof literal === 'string' ? (parseQboInstant(literal, timeZone) ?? fail()) : fail();
    case 'bool':
      return typeof literal === 'boolean'
        ? literal
        : /^(true|false)$/i.test(String(literal))
          ? /true/i.test(String(literal))
          : fail();
    case 'text':
    case 'date':
      return typeof literal === 'string' ? (field.kind === 'text' ? literal.toLowerCase() : literal) : fail();
  }
}
