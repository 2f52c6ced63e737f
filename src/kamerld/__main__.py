from kamerld.cli import main

main()
