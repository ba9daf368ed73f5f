import { Progress } from './progress';

describe('Progress', () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      output: { out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) },
    };
  };

  it('without a total (a rebuild) reports the count only, never a position as "of N"', () => {
    const { lines, output } = capture();
    const progress = new Progress('rebuild', null, output as never);
    progress.tick(1200);
    expect(lines[0]).toMatch(/^rebuild: 1200 \(\d+ ev\/s\)$/);
  });

  it('with a total reports the count of the total', () => {
    const { lines, output } = capture();
    new Progress('import', 500, output as never).tick(120);
    expect(lines[0]).toMatch(/^import: 120\/500 /);
  });
});
