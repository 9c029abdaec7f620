// Forms that take a customer or an invoice out of chasing, or pick a customer's policy by hand.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../services/context';
import { setCustomerSettings, setInvoiceExcluded } from '../../services/followups/overrides';
import { checkCsrf, requireUser } from '../auth';
import { errorPage } from '../views/pages';

const customerForm = z.object({
  policy: z.string().min(1),
  excluded: z.enum(['on']).optional(),
  back: z.string().startsWith('/').optional(),
});

export function overrideRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/customers/:id/settings', requireUser, checkCsrf, async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const form = customerForm.safeParse(req.body);
    if (!form.success) {
      res.status(400).send(errorPage('Not saved', 'Pick a policy, or let payment history choose one.', 400));
      return;
    }
    const { policy, excluded, back } = form.data;
    const saved = id.success
      ? await setCustomerSettings(ctx, req.user!.accountId, id.data, {
          policyId: policy === 'auto' ? null : policy,
          excluded: excluded === 'on',
        })
      : 'no_customer';
    if (saved === 'no_policy') {
      res
        .status(400)
        .send(errorPage('Not saved', `There is no policy '${policy}' in this organisation.`, 400));
      return;
    }
    if (saved === 'no_customer') {
      res
        .status(404)
        .send(errorPage('Customer not found', 'There is no such customer in your organisations.', 404));
      return;
    }
    res.redirect(back && !back.startsWith('//') ? back : '/settings');
  });

  router.post('/invoices/:id/exclusion', requireUser, checkCsrf, async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const form = z.object({ excluded: z.enum(['yes', 'no']) }).safeParse(req.body);
    const saved =
      id.success &&
      form.success &&
      (await setInvoiceExcluded(ctx, req.user!.accountId, id.data, form.data.excluded === 'yes'));
    if (!saved) {
      res
        .status(404)
        .send(errorPage('Invoice not found', 'There is no such invoice in your organisations.', 404));
      return;
    }
    res.redirect(`/invoices/${id.data}`);
  });
  return router;
}
