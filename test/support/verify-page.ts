import type { Page } from 'playwright-core';

export interface PageVerdict {
  /** The browser verifier's verdict line(s). */
  verdict: string;
  /** The witness part: checkpoints kept, or the alarm with each contradiction. */
  witness: string;
  /** Everything the verification section shows. */
  all: string;
}

/**
 * Opens the verification page and waits until the browser's own verification (the Web Worker) has
 * finished: what a citizen reads there.
 */
export async function verifyInBrowser(page: Page, base: string, query = ''): Promise<PageVerdict> {
  await page.goto(`${base}/verificar${query}`);
  const section = page.locator('section', {
    has: page.getByRole('heading', { name: 'Verificación en su navegador' }),
  });
  await section
    .getByTestId('browser-timing')
    .or(section.getByText(/No se pudo leer el registro/))
    .waitFor({ timeout: 90_000 });
  const text = async (testId: string) => {
    const found = section.getByTestId(testId);
    return (await found.count()) ? await found.innerText() : '';
  };
  return {
    verdict: await text('browser-verdict'),
    witness: (await text('witness-alarm')) || (await text('witness-status')),
    all: await section.innerText(),
  };
}
