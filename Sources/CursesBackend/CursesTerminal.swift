import CNCurses
import Terminal
