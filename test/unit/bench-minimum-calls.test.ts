import { BENCH_PLATFORMS, benchPlatform } from '../bench/bench-platforms';

describe('the sync benchmark’s minimum calls', () => {
  it('reads each QuickBooks entity to a short page, so a full last page costs an empty one more', () => {
    const counts = {
      contacts: 10_000,
      invoices: 100_000,
      payments: 151_234,
      creditNotes: 999,
      attachables: 7,
    };
    // 11 + 101 + 152 + 1: attachables are never read by a sync.
    expect(BENCH_PLATFORMS.quickbooks.minimumCalls(counts)).toBe(265);
    expect(
      BENCH_PLATFORMS.quickbooks.minimumCalls({ contacts: 0, invoices: 0, payments: 0, creditNotes: 0 }),
    ).toBe(4);
  });

  it('needs no empty page for Xero, whose answers say how many pages there are', () => {
    const counts = { contacts: 10_000, invoices: 100_000, payments: 150_000, creditNotes: 0 };
    expect(BENCH_PLATFORMS.xero.minimumCalls(counts)).toBe(10 + 100 + 150 + 1);
  });

  it('counts every QuickBooks API call, and Xero calls outside its connect endpoints', () => {
    expect(BENCH_PLATFORMS.quickbooks.apiCalls({ 'GET /query': 260, 'GET /companyinfo': 1 })).toBe(261);
    expect(BENCH_PLATFORMS.xero.apiCalls({ 'GET /Invoices': 100, 'GET /connect/token': 2 })).toBe(100);
  });

  it('refuses a platform it does not know, naming the flag', () => {
    expect(() => benchPlatform('sage')).toThrow('--platform must be xero or quickbooks, not "sage"');
  });
});
