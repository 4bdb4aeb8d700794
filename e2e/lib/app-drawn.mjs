// The lab draws itself in parts, each in a task of its own (`Drawn` in src/view/ui/app/mod.rs): the picture
// first, then the read-outs and the configuration files, then the tour, the controls, the log and the legend. Its
// `<main>` carries `data-drawing` until the last part is drawn. After the picture appears, wait for the rest
// with `page.waitForFunction(wholePageDrawn)` before reading or clicking what lies beside it. A page that
// panicked draws nothing more: its notice ends the wait too.
export const wholePageDrawn = () =>
  !document.querySelector('main[data-drawing]') || document.querySelector('[data-testid=panic]') !== null;
