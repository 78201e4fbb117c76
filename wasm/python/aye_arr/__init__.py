# aye_arr: the badge's infrared library (API spec 15.6); frames come from the IDE's "send IR".
