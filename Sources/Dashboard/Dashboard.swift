import Estate
import Terminal
