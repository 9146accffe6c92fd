import type { ClassifierResult } from '@counterweight/shared';
import type { WrittenExample } from '../contrast/expand';

/** Per-functionality accuracy of the project's own suite (a report, never a criterion). */
export function functionalReport(suite: WrittenExample[], results: ClassifierResult[]) {
  const functionalities = new Map<string, { n: number; correct: number; examples: string[] }>();
  suite.forEach((s, i) => {
    const r = results[i]!;
    const expected = s.hate ? 'hate' : s.extremist ? 'extremist' : null;
    const correct = expected ? r.decision === 'flag' : r.decision !== 'flag';
    const f = functionalities.get(s.functionality) ?? { n: 0, correct: 0, examples: [] };
    f.n++;
    if (correct) f.correct++;
    else if (f.examples.length < 2)
      f.examples.push(
        `${s.text} → ${r.decision}/${r.label ?? '-'} (h ${r.scores.hate.toFixed(2)}, e ${r.scores.extremist.toFixed(2)})`,
      );
    functionalities.set(s.functionality, f);
  });
  const perFunctionality = [...functionalities.entries()].map(([name, f]) => ({
    functionality: name,
    n: f.n,
    accuracy: f.correct / f.n,
    failures: f.examples,
  }));
  const cases = suite.map((s, i) => ({ s, r: results[i]! }));
  const hateCases = cases.filter(({ s }) => !s.extremist);
  const hate = {
    accuracy:
      hateCases.filter(({ s, r }) => (s.hate ? r.decision === 'flag' : r.decision !== 'flag'))
        .length / hateCases.length,
    recall:
      hateCases.filter(({ s, r }) => s.hate && r.decision === 'flag').length /
      hateCases.filter(({ s }) => s.hate).length,
  };
  const tcoCases = cases.filter(
    ({ s }) =>
      s.extremist ||
      /news|research|condemnation|history|fiction|neutral|idiom|polemic/.test(s.functionality),
  );
  const terrorist = {
    recall:
      tcoCases.filter(({ s, r }) => s.extremist && r.decision === 'flag').length /
      tcoCases.filter(({ s }) => s.extremist).length,
    flaggedAmongLawful:
      tcoCases.filter(({ s, r }) => !s.extremist && r.decision === 'flag').length /
      tcoCases.filter(({ s }) => !s.extremist).length,
  };
  return { hate, terrorist, perFunctionality };
}
export type FunctionalReport = ReturnType<typeof functionalReport>;
