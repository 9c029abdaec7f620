// The Accounting API v3 under `/v3/company/{realmId}`: CompanyInfo, Preferences, the query endpoint
// (GET `?query=` or POST with the query as text), reads by Id, CDC, and attachables (notes linked to
// an invoice). Every route counts its call, checks the token and the company, takes a throttle slot,
// and yields to an injected fault before it does its work. `minorversion` and `format` are accepted
// and ignored: the shapes are minorversion 75's. A read of one invoice with `include=invoiceLink`
// adds the InvoiceLink where the customer pays it online, when there is one (see invoice-link.ts).
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { requireConnection, throttle } from './api-auth';
import { attachableRoute } from './attachable-route';
import { CdcError, changeDataCapture } from './cdc';
import { companyInfoJson, preferencesJson } from './present-parties';
import { asksForInvoiceLink, invoiceLink } from './invoice-link';
import { findEntity, presentEntity } from './present-entity';
import { parseQuery, QueryParseError } from './query-parse';
import { QueryValidationError } from './query-fields';
import { entityOf } from './query-run';
import type { EntityBase, InvoiceRecord } from './records';
import {
  JSON_TYPE,
  jsonListBytes,
  send,
  sendJson,
  sendObjectNotFound,
  sendValidationFault,
} from './responses';
import type { QuickBooksSandboxStore } from './store';

type Handler = (req: Request, res: Response, realmId: string) => void;

export function accountingRouter(store: QuickBooksSandboxStore, publicUrl: () => string): Router {
  const router = Router({ mergeParams: true });
  const gate = [requireConnection(store), throttle(store)];
  const route = (
    method: 'get' | 'post',
    path: string,
    label: string,
    handler: Handler,
    ...extra: RequestHandler[]
  ) => {
    router[method](
      path,
      (_req, _res, next) => {
        store.count(label);
        next();
      },
      ...gate,
      store.faults.forRoute(label),
      ...extra,
      (req, res) => handler(req, res, String(req.params.realmId)),
    );
  };
  const time = (realmId: string) => store.time(realmId);

  route('get', '/companyinfo/:id', 'GET /companyinfo/{id}', (req, res, realmId) => {
    if (req.params.id !== realmId) {
      sendObjectNotFound(res, 'CompanyInfo', String(req.params.id), time(realmId));
      return;
    }
    sendJson(res, 200, { CompanyInfo: companyInfoJson(store.company(realmId).data), time: time(realmId) });
  });

  route('get', '/preferences', 'GET /preferences', (_req, res, realmId) => {
    sendJson(res, 200, { Preferences: preferencesJson(store.company(realmId).data), time: time(realmId) });
  });

  const query: Handler = (req, res, realmId) => {
    const text =
      typeof req.query.query === 'string' ? req.query.query : typeof req.body === 'string' ? req.body : '';
    const books = store.company(realmId);
    try {
      const parsed = parseQuery(text);
      const result = books.views.run(books.context(), parsed);
      if (result.totalCount !== undefined) {
        sendJson(res, 200, { QueryResponse: { totalCount: result.totalCount }, time: time(realmId) });
        return;
      }
      const records = result.records ?? [];
      const ctx = books.context();
      if (records.length === 0) {
        sendJson(res, 200, { QueryResponse: {}, time: time(realmId) });
        return;
      }
      const head = `{"QueryResponse":{"${result.entity}":[`;
      const tail = `],"startPosition":${parsed.startPosition},"maxResults":${records.length}},"time":${JSON.stringify(time(realmId))}}`;
      const present = (record: EntityBase) => presentEntity(ctx, result.entity, record);
      send(res, 200, JSON_TYPE, jsonListBytes(head, records, present, tail));
    } catch (err) {
      if (err instanceof QueryParseError) {
        sendValidationFault(
          res,
          'Error parsing query',
          `QueryParserError: ${err.message}`,
          '4000',
          time(realmId),
        );
      } else if (err instanceof QueryValidationError) {
        sendValidationFault(
          res,
          'Invalid query',
          `QueryValidationError: ${err.message}`,
          '4001',
          time(realmId),
        );
      } else throw err;
    }
  };
  route('get', '/query', 'GET /query', query);
  route('post', '/query', 'POST /query', query, express.text({ type: () => true, limit: '100kb' }));

  route('get', '/cdc', 'GET /cdc', (req, res, realmId) => {
    const param = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');
    try {
      sendJson(
        res,
        200,
        changeDataCapture(store.company(realmId), param('entities'), param('changedSince'), store.nowMs()),
      );
    } catch (err) {
      if (!(err instanceof CdcError)) throw err;
      sendValidationFault(res, err.message, err.detail, err.code, time(realmId));
    }
  });

  route('post', '/attachable', 'POST /attachable', attachableRoute(store), express.json({ limit: '1mb' }));

  for (const name of ['invoice', 'payment', 'creditmemo', 'customer', 'attachable']) {
    route('get', `/${name}/:id`, `GET /${name}/{id}`, (req, res, realmId) => {
      const entity = entityOf(name);
      const books = store.company(realmId);
      const record = findEntity(books.data, entity, String(req.params.id));
      if (!record) {
        sendObjectNotFound(res, entity, String(req.params.id), time(realmId));
        return;
      }
      const presented = presentEntity(books.context(), entity, record);
      const link =
        entity === 'Invoice' && asksForInvoiceLink(req.query.include)
          ? invoiceLink(publicUrl(), books, record as InvoiceRecord)
          : undefined;
      sendJson(res, 200, {
        [entity]: link === undefined ? presented : { ...presented, InvoiceLink: link },
        time: time(realmId),
      });
    });
  }
  return router;
}
