/**
 * The Python editor: CodeMirror 6 with Python highlighting, line numbers, undo, bracket
 * matching and the failing line marked, in the pane's monospace font and colours (the
 * Fluent tokens are CSS variables, so light, dark and high contrast follow the pane's
 * theme). Tab indents; Escape then Tab leaves the editor, as CodeMirror documents.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef } from 'react';

export interface CodeEditorProps {
  code: string;
  onChange(code: string): void;
  readOnly: boolean;
  /** 1-based line the last run failed on: marked and scrolled into view. */
  errorLine?: number;
  /** What a screen reader announces for the editor. */
  label: string;
  /** Id of the element that describes it (the hint). */
  describedBy?: string;
  testId: string;
}

const highlight = HighlightStyle.define([
  { tag: tags.comment, color: tokens.colorNeutralForeground3 },
  { tag: [tags.string, tags.special(tags.string)], color: tokens.colorPaletteGreenForeground1 },
  { tag: [tags.number, tags.bool, tags.null], color: tokens.colorPaletteBlueForeground2 },
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword, tags.moduleKeyword], color: tokens.colorPalettePurpleForeground2 },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: tokens.colorPaletteDarkOrangeForeground2 },
]);

const theme = EditorView.theme({
  '&': {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '360px',
  },
  '&.cm-focused': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  '.cm-scroller': { fontFamily: tokens.fontFamilyMonospace, lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { caretColor: tokens.colorNeutralForeground1, minHeight: '6em' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: tokens.colorNeutralForeground1 },
  '.cm-gutters': { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, border: 'none' },
  '.cm-activeLine': { backgroundColor: tokens.colorNeutralBackground1Hover },
  '.cm-activeLineGutter': { backgroundColor: tokens.colorNeutralBackground3Hover, color: tokens.colorNeutralForeground1 },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: tokens.colorBrandBackground2 },
  '.cm-matchingBracket': { backgroundColor: tokens.colorNeutralBackground5, outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  '.cm-failing-line': { backgroundColor: tokens.colorPaletteRedBackground1, boxShadow: `inset 3px 0 0 ${tokens.colorPaletteRedBorder2}` },
});

/** Whether the text can be changed, with what a screen reader and the tests see. */
function access(props: Pick<CodeEditorProps, 'readOnly' | 'label' | 'describedBy' | 'testId'>): Extension {
  return [
    EditorState.readOnly.of(props.readOnly),
    EditorView.contentAttributes.of({
      'aria-label': props.label,
      'data-testid': props.testId,
      ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
      ...(props.readOnly ? { 'aria-readonly': 'true' } : {}),
      // Focusable as such, so a long text's scrolling region has a keyboard way in (axe: scrollable-region-focusable).
      tabindex: '0',
      // Python is code, not prose.
      spellcheck: 'false',
      autocorrect: 'off',
      autocapitalize: 'off',
    }),
  ];
}

/** The failing line as a line decoration, when it is a line of this text. */
function failingLine(state: EditorState, line: number | undefined): Extension {
  if (!line || line < 1 || line > state.doc.lines) return [];
  return EditorView.decorations.of(Decoration.set([Decoration.line({ class: 'cm-failing-line', attributes: { title: `The run failed on line ${line}` } }).range(state.doc.line(line).from)]));
}

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  useEffect(() => {
    onChange.current = props.onChange;
  });
  const accessSlot = useMemo(() => new Compartment(), []);
  const errorSlot = useMemo(() => new Compartment(), []);
  const first = useRef(props);

  useEffect(() => {
    const initial = first.current;
    const state = EditorState.create({
      doc: initial.code,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(highlight),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.lineWrapping,
        theme,
        accessSlot.of(access(initial)),
        errorSlot.of([]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange.current(update.state.doc.toString());
        }),
      ],
    });
    const created = new EditorView({ state, parent: host.current ?? undefined });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [accessSlot, errorSlot]);

  // Code set from outside (a model's answer, a recipe, Clear) replaces the text.
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== props.code) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.code } });
  }, [props.code]);

  useEffect(() => {
    view.current?.dispatch({ effects: accessSlot.reconfigure(access(props)) });
  }, [accessSlot, props.readOnly, props.label, props.describedBy, props.testId]); // eslint-disable-line react-hooks/exhaustive-deps -- the fields access() reads

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const mark = failingLine(current.state, props.errorLine);
    current.dispatch({ effects: errorSlot.reconfigure(mark) });
    if (props.errorLine && props.errorLine <= current.state.doc.lines) {
      current.dispatch({ effects: EditorView.scrollIntoView(current.state.doc.line(props.errorLine).from, { y: 'center' }) });
    }
  }, [errorSlot, props.errorLine, props.code]);

  return <div ref={host} data-testid={`${props.testId}-editor`} />;
}
