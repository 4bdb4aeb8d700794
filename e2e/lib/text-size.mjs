// The picture's words on screen: their size is their computed font size times the SVG's screen scale,
// and the page fits it to the picture's drawn size after the first frame, so a test that measures
// words waits for that fit first.

/** The smallest on-screen font size of the picture's visible words, in CSS px, and the word. */
function smallestText(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid=topology]');
    let min = Infinity;
    let word = '';
    for (const t of svg.querySelectorAll('text')) {
      if (!t.getClientRects().length || getComputedStyle(t).visibility === 'hidden') continue;
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM(); // user units -> CSS px
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (size < min) {
        min = size;
        word = t.textContent.trim();
      }
    }
    return { min, word };
  });
}

/** Waits (5 s at most) until every word in the picture is at least `limit` CSS px, which it is once
 * the text has been fitted to the picture's drawn size; then returns the smallest size and its word. */
export async function fittedSmallest(page, limit) {
  try {
    await page.waitForFunction(
      (limit) => {
        const svg = document.querySelector('[data-testid=topology]');
        return [...svg.querySelectorAll('text')].every((t) => {
          if (!t.getClientRects().length || !t.textContent.trim()) return true;
          const m = t.getScreenCTM();
          return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) >= limit;
        });
      },
      limit,
      { timeout: 5_000 },
    );
  } catch {
    // Measured and reported below.
  }
  return smallestText(page);
}
