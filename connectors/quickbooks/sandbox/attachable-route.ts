// `POST /attachable`: a note linked to an invoice (or any transaction or customer), as the app posts
// its collections notes. With `?requestid=`, the first answer is kept per company and every later
// request with that requestid gets the same answer again, body byte for byte, and creates nothing:
// Intuit's idempotency. A file upload is not emulated; a FileName alone is kept as given.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { touch } from './ledger';
import { attachableJson } from './present-parties';
import { findEntity } from './present-entity';
import { entityOf } from './query-run';
import { nextId, type AttachableRecord } from './records';
import { faultBody, JSON_TYPE, send } from './responses';
import type { QuickBooksSandboxStore } from './store';

const NOTE_LIMIT = 4000;

const attachableBody = z.object({
  Note: z.string().max(NOTE_LIMIT).optional(),
  FileName: z.string().max(1000).optional(),
  AttachableRef: z
    .array(
      z.object({
        EntityRef: z.object({ type: z.string().min(1), value: z.string().min(1) }),
        IncludeOnSend: z.boolean().optional(),
      }),
    )
    .optional(),
});

type Answer = { status: number; body: string };

function validation(detail: string, code: string, time: string): Answer {
  const message = code === '2500' ? 'Invalid Reference Id' : 'Request has invalid or unsupported property';
  return {
    status: 400,
    body: JSON.stringify(faultBody('ValidationFault', [{ Message: message, Detail: detail, code }], time)),
  };
}

function create(store: QuickBooksSandboxStore, realmId: string, body: unknown): Answer {
  const time = store.time(realmId);
  const parsed = attachableBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return validation(
      `Property ${issue?.path.join('.') || 'Attachable'}: ${issue?.message ?? 'invalid'}`,
      '2010',
      time,
    );
  }
  const { Note, FileName, AttachableRef = [] } = parsed.data;
  if (!Note && !FileName) return validation('An attachable needs a Note or a file', '2020', time);
  const books = store.company(realmId);
  const refs: AttachableRecord['refs'] = [];
  for (const { EntityRef } of AttachableRef) {
    let found = false;
    try {
      found = findEntity(books.data, entityOf(EntityRef.type), EntityRef.value) !== undefined;
    } catch {
      found = false;
    }
    if (!found) {
      return validation(
        `Invalid Reference Id : ${EntityRef.type} ${EntityRef.value} does not exist`,
        '2500',
        time,
      );
    }
    refs.push({ type: entityOf(EntityRef.type), value: EntityRef.value });
  }
  const attachable: AttachableRecord = {
    id: nextId(books.data, 'Attachable'),
    syncToken: 0,
    createdAt: 0,
    updatedAt: 0,
    note: Note ?? FileName ?? '',
    refs,
  };
  books.data.attachables.set(attachable.id, attachable);
  touch(books.books, 'Attachable', attachable, 'Create');
  return {
    status: 200,
    body: JSON.stringify({ Attachable: attachableJson(books.context(), attachable), time }),
  };
}

export function attachableRoute(store: QuickBooksSandboxStore) {
  return (req: Request, res: Response, realmId: string): void => {
    const requestId = typeof req.query.requestid === 'string' ? req.query.requestid : '';
    const key = `${realmId}\n${requestId}`;
    const kept = requestId ? store.answers.get(key) : undefined;
    const answer = kept ?? create(store, realmId, req.body);
    if (requestId && !kept) store.answers.set(key, answer);
    send(res, answer.status, JSON_TYPE, answer.body);
  };
}
