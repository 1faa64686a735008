/** Excel.NamedItem and Excel.NamedItemCollection (workbook scope). */
import { FakeClientResult, FakeObject, type FakeContext, type LoadOption } from './context';
import { FakeExcelError, invalidArgument, notFound } from './errors';
import { formatAddress } from '../../../src/excel/ops/a1';
import type { FakeRange } from './range';
import type { NameState } from './state';

const NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

export class FakeNamedItem extends FakeObject {
  protected readonly typeName = 'NamedItem';
  protected readonly scalarProperties = ['name', 'formula', 'comment', 'type', 'visible'] as const;
  private resolved: NameState | null = null;
  constructor(context: FakeContext, private readonly resolveName: () => NameState | null) { super(context); }

  item(location = 'NamedItem'): NameState {
    if (!this.resolved || !this.context.state.names.includes(this.resolved)) this.resolved = this.resolveName();
    if (!this.resolved) throw notFound('The name does not exist.', location);
    return this.resolved;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') return (this.resolved ?? (this.resolved = this.resolveName())) === null;
    if (!(this.resolved ?? (this.resolved = this.resolveName()))) return null;
    const n = this.item(`NamedItem.${name}`);
    switch (name) {
      case 'name': return n.name;
      case 'formula': return n.formula;
      case 'comment': return n.comment;
      case 'type': return n.formula === '=#REF!' ? 'Error' : 'Range';
      case 'visible': return true;
      default: throw invalidArgument(`NamedItem has no property "${name}"`, 'NamedItem.load');
    }
  }

  get name(): string { return this.get('name'); }
  get formula(): string { return this.get('formula'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }

  delete(): void {
    this.call('delete', null, () => {
      const names = this.context.state.names;
      names.splice(names.indexOf(this.item('NamedItem.delete')), 1);
    });
  }
}

export class FakeNamedItemCollection extends FakeObject {
  protected readonly typeName = 'NamedItemCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeNamedItem[] = [];

  protected readProperty(name: string): unknown {
    if (name !== 'items') throw invalidArgument(`Cannot load "${name}"`, 'NamedItemCollection.load');
    const names = [...this.context.state.names];
    this.itemProxies = names.map((n) => new FakeNamedItem(this.context, () => n).load());
    return names.map((n) => n.name);
  }
  override load(_option?: LoadOption): this { return super.load('items'); }
  get items(): FakeNamedItem[] { this.get('items'); return this.itemProxies; }
  getCount(): FakeClientResult<number> { return this.callWithResult('getCount', null, () => this.context.state.names.length); }

  add(name: string, reference: FakeRange | string, comment = ''): FakeNamedItem {
    let created: NameState | null = null;
    this.call('add', { name, reference: typeof reference === 'string' ? reference : 'range', comment }, () => {
      const state = this.context.state;
      if (!NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rRcC]$/.test(name) || name.length > 255) throw invalidArgument(`"${name}" is not a legal name`, 'NamedItemCollection.add');
      if (state.names.some((n) => n.name.toLowerCase() === name.toLowerCase()) || state.tableByName(name)) throw new FakeExcelError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.', 'NamedItemCollection.add');
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const t = reference.target('NamedItemCollection.add');
        formula = `=${formatAddress(t.sheet.name, t.area).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
      }
      created = { name, formula, comment };
      state.names.push(created);
    });
    return new FakeNamedItem(this.context, () => created);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name) ?? (() => { throw notFound(`No name "${name}".`, 'NamedItemCollection.getItem'); })());
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name) ?? null);
  }
  private find(name: string): NameState | undefined {
    return this.context.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }
}
