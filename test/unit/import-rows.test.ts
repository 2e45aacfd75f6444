import { importFileRows } from '../../shared/domain/licences/import-rows';

describe('the rows of a licence import file', () => {
  it('numbers CSV rows by the line they start on: the header is line 1, blank lines count, a quoted break stays in its cell', () => {
    const csv = '\uFEFFtype,holderName,content.address\r\nA,张三,\r\n\r\nB,"李\n四",福州\r\nC,王五,"鼓楼区\n\n东街"\n';
    expect(importFileRows('csv', csv)).toEqual([
      { row: 2, value: { type: 'A', holderName: '张三', content: { address: '' } } },
      { row: 4, value: { type: 'B', holderName: '李\n四', content: { address: '福州' } } },
      { row: 6, value: { type: 'C', holderName: '王五', content: { address: '鼓楼区\n\n东街' } } },
    ]);
  });

  it('numbers JSON Lines rows by line, skipping blank lines and naming one that is not JSON', () => {
    expect(importFileRows('jsonl', '{"a":1}\n\n{ broken\r\n{"b":2}')).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 3, problem: 'not a JSON object' },
      { row: 4, value: { b: 2 } },
    ]);
  });

  it('throws on a CSV it cannot read', () => {
    expect(() => importFileRows('csv', 'a,b\n"unclosed,1\n')).toThrow();
  });
});
