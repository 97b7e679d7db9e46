// ConsoleUI
