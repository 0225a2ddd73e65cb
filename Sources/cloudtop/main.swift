print("cloudtop")
