# source: Python documentation, Doc/howto/logging.rst "A simple example", "Logging variable data", "Changing the format of displayed messages"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: logging warnings and info with basicConfig, a format string and variable data, to stdout and to a log file
# adapted: basicConfig(stream=sys.stdout) so the messages are compared; the logging-to-a-file example writes /output/example.log
import logging
import sys
logging.basicConfig(stream=sys.stdout, format='%(levelname)s:%(message)s', level=logging.DEBUG)
logging.warning('Watch out!')  # will print a message to the console
logging.info('I told you so')  # will not print anything
logging.debug('This message should appear on the console')
logging.warning('%s before you %s', 'Look', 'leap!')

logger = logging.getLogger(__name__)
handler = logging.FileHandler('/output/example.log', encoding='utf-8')
handler.setFormatter(logging.Formatter('%(name)s %(levelname)s %(message)s'))
logger.addHandler(handler)
logger.debug('This message should go to the log file')
logger.info('So should this')
logger.warning('And this, too')
logger.error('And non-ASCII stuff, too, like Øresund and Malmö')
handler.close()
