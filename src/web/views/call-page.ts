// Logging a call made to a customer: who, how it went, what was said, which invoices it was about,
// and a promise to pay if one was made.
import { formatDate } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import type { CallFormFacts } from '../../services/calls/form-facts';
import { html } from './html';
import { layout } from './layout';

export function callPage(facts: CallFormFacts, checked: string | null, csrf: string): string {
  return layout(
    `Log a call to ${facts.customer}`,
    html`<section class="card">
      <h1>Log a call <span class="muted">${facts.customer}</span></h1>
      <form method="post" action="/calls">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <p>
          <label>Who you called <input name="person" required placeholder="name" /></label>
          <label>on <input name="number" placeholder="number" /></label>
        </p>
        <p>
          <label
            >How it went
            <select name="outcome">
              <option value="reached">reached them</option>
              <option value="voicemail">left a voicemail</option>
              <option value="no_answer">no answer</option>
              <option value="wrong_number">wrong number</option>
            </select></label
          >
        </p>
        <p>
          <label
            >What was said<br /><textarea name="summary" rows="3" cols="60" maxlength="1000"></textarea>
          </label>
        </p>
        <p>About:</p>
        ${
          facts.invoices.length === 0
            ? html`<p class="muted">This customer has no open invoices.</p>`
            : facts.invoices.map(
                (i) =>
                  html`<label
                      ><input
                        type="checkbox"
                        name="invoiceIds"
                        value="${i.id}"
                        ${i.id === checked ? 'checked' : ''}
                      />
                      ${i.number}, due ${formatDate(i.dueDate)}, ${formatMoney(i.outstanding, i.currency)}
                      owed</label
                    ><br />`,
              )
        }
        <p>
          <label
            >They promised to pay by <input type="date" name="promisedFor" />
            <span class="muted">(leave empty if not)</span></label
          >
        </p>
        <button>Log the call</button>
      </form>
      <p><a href="${checked ? `/invoices/${checked}` : '/settings'}">Back</a></p>
    </section>`,
    { signedIn: true },
  );
}
