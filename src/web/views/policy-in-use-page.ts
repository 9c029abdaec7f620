// The answer to deleting a copied policy that is still in use: nothing was deleted, and here is each
// segment and each customer still on it, with where to move them, so nothing is left on no policy.
import { html } from './html';
import { layout } from './layout';

export interface PolicyInUseView {
  connectionId: string;
  policyId: string;
  name: string;
  /** Labels of the segments that start on the policy ("reliable payers"). */
  segments: string[];
  customers: { id: string; name: string }[];
}

export function policyInUsePage(v: PolicyInUseView): string {
  const policies = `/connections/${v.connectionId}/policies`;
  return layout(
    `${v.name} is in use`,
    html`<section class="card">
      <h1>${v.name} is still in use</h1>
      <div class="error" role="alert">
        <strong>Nothing was deleted.</strong> Move everything below to another policy, then delete ${v.name}.
      </div>
      ${
        v.segments.length === 0
          ? ''
          : html`<h2>Customers who start on it by payment history</h2>
              <ul data-in-use="segments">
                ${v.segments.map((s) => html`<li>${s}</li>`)}
              </ul>
              <p><a href="${policies}">Pick another policy for them</a></p>`
      }
      ${
        v.customers.length === 0
          ? ''
          : html`<h2>Customers put on it by hand</h2>
              <ul data-in-use="customers">
                ${v.customers.map(
                  (c) =>
                    html`<li>
                      <a href="/connections/${v.connectionId}/simulation?customer=${c.id}">${c.name}</a>
                    </li>`,
                )}
              </ul>`
      }
      <p><a href="${policies}/${v.policyId}">Back to ${v.name}</a></p>
    </section>`,
    { signedIn: true },
  );
}
