# attack: source bytes that are not valid UTF-8, to crash the runner before it reports
# expect: precheck:syntax-error|contained:python
# unguarded: python
# pyodide-expect: contained:ok
# pyodide-unguarded: ok
# pyodide-note: the pane and CLI hand code over as text, so invalid bytes arrive as U+FFFD and the code is harmless
name = 'été'
print(name)
