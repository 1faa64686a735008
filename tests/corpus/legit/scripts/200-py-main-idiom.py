# source: Python documentation, Doc/library/__main__.rst "Idiomatic Usage" (def main / if __name__ == '__main__')
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: the documented main() pattern with sys.exit(main()), printing a greeting
# adapted: the example's body prints to stdout; sys.exit(main()) kept (main returns 0)
import sys


def main():
    """Echo the input arguments to standard output"""
    phrase = "hello from main"
    print(phrase)
    return 0


if __name__ == '__main__':
    sys.exit(main())  # next section explains the use of sys.exit
